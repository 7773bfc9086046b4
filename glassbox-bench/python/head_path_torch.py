#!/usr/bin/python3
"""PyTorch (CPU) reference for Glassbox's elastic-net head path: the same proximal algorithm.

Objective (GLM-SAGA's, as Label-free CBM uses it):
    mean CE(Z W^T + b, y) + lam*alpha*|W|_1 + 0.5*lam*(1-alpha)*|W|^2
Path: lam_max = max|grad at the intercept-only model| / alpha, `path_length` log-spaced values down
to eps*lam_max, warm starts. Each point: FISTA with backtracking (start 4/L, x1.1 per iteration,
halve on failed sufficient decrease, floor 1/L with L = sigma_max([Z 1])^2/(2n)), gradient-based
restart, stop when max|prox step|/t <= tol. Selection: fewest non-zeros within `sel_tol` of the
best validation accuracy; the path stops after `patience` points without a better accuracy.

--screening adds the sequential strong rule with KKT checks (what Glassbox does); without it every
iteration works on all concepts (the straightforward implementation).

Usage: /usr/bin/python3 head_path_torch.py DIR [--screening] [--threads 2]
DIR holds train_z.npy, train_y.npy, val_z.npy, val_y.npy (float32 / int64) and config.json.
Prints one JSON line: seconds, val_accuracy, nonzeros, selected lambda, path points, iterations.
"""
import json
import sys
import time

import numpy as np
import torch


def main():
    d = sys.argv[1]
    screening = "--screening" in sys.argv
    threads = int(sys.argv[sys.argv.index("--threads") + 1]) if "--threads" in sys.argv else 2
    torch.set_num_threads(threads)
    cfg = json.load(open(f"{d}/config.json"))
    Z = torch.from_numpy(np.load(f"{d}/train_z.npy"))
    y = torch.from_numpy(np.load(f"{d}/train_y.npy")).long()
    Zv = torch.from_numpy(np.load(f"{d}/val_z.npy"))
    yv = torch.from_numpy(np.load(f"{d}/val_y.npy")).long()
    t0 = time.perf_counter()
    res = path(Z, y, Zv, yv, cfg, screening)
    res["seconds"] = time.perf_counter() - t0
    res["screening"] = screening
    print(json.dumps(res))


def spectral_sq_with_bias(Z):
    n, k = Z.shape
    v = torch.ones(k)
    vb = torch.tensor(1.0)
    est = 0.0
    for it in range(60):
        norm = torch.sqrt((v * v).sum() + vb * vb)
        v = v / norm
        vb = vb / norm
        u = Z @ v + vb
        nv = Z.T @ u
        ub = u.sum()
        nxt = float(nv @ v + ub * vb)
        v, vb = nv, ub
        if it > 5 and abs(nxt - est) <= 1e-6 * nxt:
            est = nxt
            break
        est = nxt
    return max(est, 1e-12) * 1.02


def loss_grad(Zs, y, W, b, n):
    logits = torch.addmm(b, Zs, W.T)
    lse = torch.logsumexp(logits, 1)
    loss = float((lse - logits.gather(1, y[:, None]).squeeze(1)).sum()) / n
    P = torch.exp(logits - lse[:, None])
    P[torch.arange(n), y] -= 1.0
    P /= n
    return loss, P.T @ Zs, P.sum(0), logits


def loss_only(logits, y, n):
    lse = torch.logsumexp(logits, 1)
    return float((lse - logits.gather(1, y[:, None]).squeeze(1)).sum()) / n


def solve(Zs, y, W, b, lam, alpha, tol, max_iter, L, n):
    """FISTA with backtracking on the columns in Zs; returns (W, b, iterations, converged).

    As in Glassbox, logits are linear in (W, b), so the extrapolated point's logits are combined
    from the last two iterates' logits instead of being recomputed.
    """
    l1, l2 = lam * alpha, lam * (1 - alpha)
    t_min = 1.0 / L
    t = 4.0 * t_min
    V, bV = W.clone(), b.clone()
    logits_w = torch.addmm(b, Zs, W.T)
    logits_v = logits_w
    theta = 1.0
    for it in range(1, max_iter + 1):
        lse = torch.logsumexp(logits_v, 1)
        fv = float((lse - logits_v.gather(1, y[:, None]).squeeze(1)).sum()) / n
        P = torch.exp(logits_v - lse[:, None])
        P[torch.arange(n), y] -= 1.0
        P /= n
        G, gb = P.T @ Zs, P.sum(0)
        while True:
            U = V - t * G
            Wn = torch.sign(U) * torch.clamp(U.abs() - t * l1, min=0) / (1 + t * l2)
            bn = bV - t * gb
            D, Db = Wn - V, bn - bV
            gm = max(float(D.abs().max()) if D.numel() else 0.0, float(Db.abs().max()))
            logits_n = torch.addmm(bn, Zs, Wn.T)
            if t <= t_min:
                break
            fn = loss_only(logits_n, y, n)
            if fn <= fv + float((G * D).sum() + (gb * Db).sum()) + float((D * D).sum() + (Db * Db).sum()) / (2 * t) + 1e-7 * (1 + abs(fv)):
                break
            t = max(t_min, t * 0.5)
        if gm / t <= tol:
            return Wn, bn, it, True
        direction = float(((V - Wn) * (Wn - W)).sum() + ((bV - bn) * (bn - b)).sum())
        if direction > 0:
            theta_next, beta = 1.0, 0.0
        else:
            theta_next = (1 + (1 + 4 * theta * theta) ** 0.5) / 2
            beta = (theta - 1) / theta_next
        V = Wn + beta * (Wn - W)
        bV = bn + beta * (bn - b)
        logits_v = logits_n + beta * (logits_n - logits_w) if beta != 0.0 else logits_n
        W, b, logits_w = Wn, bn, logits_n
        theta = theta_next
        t *= 1.1
    return Wn, bn, max_iter, False


def path(Z, y, Zv, yv, cfg, screening):
    n, k = Z.shape
    c = int(max(int(y.max()), int(yv.max())) + 1)
    alpha, eps, npts = cfg["alpha"], cfg["epsilon"], cfg["pathLength"]
    tol, max_iter, patience, sel_tol = cfg["tolerance"], cfg["maxIterations"], cfg["patience"], cfg["selectionTolerance"]
    L = spectral_sq_with_bias(Z) / (2.0 * n)
    freq = torch.bincount(y, minlength=c).float()
    b = torch.log(torch.clamp(freq, min=1e-3) / n)
    W = torch.zeros(c, k)
    _, G, _, _ = loss_grad(Z, y, W, b, n)
    lam_max = float(G.abs().max()) / alpha
    lams = [lam_max * eps ** (i / (npts - 1)) for i in range(npts)] if npts > 1 else [lam_max]
    reports = []
    best_val, since_best = -1.0, 0
    prev = lams[0]
    total_iters = 0
    for lam in lams:
        if screening:
            cut = alpha * (2 * lam - prev)
            work = ((W != 0).any(0) | (G.abs() >= cut).any(0))
            iters, conv = 0, True
            while True:
                idx = work.nonzero().squeeze(1)
                Ws, b, it, conv = solve(Z[:, idx], y, W[:, idx], b, lam, alpha, tol, max_iter - iters, L, n)
                iters += it
                W = torch.zeros(c, k)
                W[:, idx] = Ws
                _, G, _, _ = loss_grad(Z, y, W, b, n)
                viol = (~work) & (G.abs() > lam * alpha * (1 + 1e-6) + 1e-7).any(0)
                if not bool(viol.any()) or iters >= max_iter:
                    conv = conv and not bool(viol.any())
                    break
                work = work | viol
        else:
            W, b, iters, conv = solve(Z, y, W, b, lam, alpha, tol, max_iter, L, n)
            _, G, _, _ = loss_grad(Z, y, W, b, n)
        total_iters += iters
        val = float(((Zv @ W.T + b).argmax(1) == yv).float().mean())
        nz = int((W != 0).sum())
        reports.append({"lambda": lam, "val": val, "nz": nz, "W": W.clone(), "iters": iters, "converged": conv})
        prev = lam
        if val > best_val + 1e-9:
            best_val, since_best = val, 0
        else:
            since_best += 1
        if patience > 0 and since_best >= patience:
            break
    best_i = 0
    for i, r in enumerate(reports):
        if r["val"] > reports[best_i]["val"] or (r["val"] == reports[best_i]["val"] and r["nz"] < reports[best_i]["nz"]):
            best_i = i
    chosen = reports[best_i]
    for r in reports:
        if r["val"] >= reports[best_i]["val"] - sel_tol - 1e-12 and r["nz"] < chosen["nz"]:
            chosen = r
    return {"val_accuracy": chosen["val"], "nonzeros": chosen["nz"], "lambda": chosen["lambda"],
            "path_points": len(reports), "iterations": total_iters,
            "max_nonzeros_per_class": int((chosen["W"] != 0).sum(1).max())}


if __name__ == "__main__":
    main()
