#!/usr/bin/python3
"""PyTorch (CPU) reference for Glassbox's LaBo head training: the same loop.

Model (LaBo, Yang et al. CVPR 2023): association matrix W [C x K] initialised from the language
prior, A = softmax(W, dim=1), logits = scale * S_batch @ A.T on precomputed concept scores S
(LaBo's fast path), mean cross-entropy, Adam (PyTorch's defaults for betas and eps). Mini-batches
from a fresh random permutation per epoch (full batch: no shuffle). Every `validate_every` epochs
and after the last: training accuracy and loss over the whole training set (blocks of 4096),
validation accuracy, and a copy of W when validation accuracy improves -- the same checkpoint work
Glassbox does.

Usage: /usr/bin/python3 labo_torch.py DIR [--threads 2] [--seed 0]
DIR holds train_s.npy, train_y.npy, val_s.npy, val_y.npy (float32 / int64), prior.npy (the
initial W, float32) and config.json (Glassbox's LaboConfig). Prints one JSON line: seconds,
val_accuracy, best_epoch.
"""
import json
import sys
import time

import numpy as np
import torch
import torch.nn.functional as F


def accuracy(S, y, A, scale, with_loss=False):
    hits = 0
    loss = 0.0
    for s in range(0, S.shape[0], 4096):
        z = scale * (S[s:s + 4096] @ A.T)
        hits += int((z.argmax(dim=1) == y[s:s + 4096]).sum())
        if with_loss:
            loss += float(F.cross_entropy(z, y[s:s + 4096], reduction="sum"))
    return hits / S.shape[0], loss / S.shape[0]


def main():
    d = sys.argv[1]
    threads = int(sys.argv[sys.argv.index("--threads") + 1]) if "--threads" in sys.argv else 2
    seed = int(sys.argv[sys.argv.index("--seed") + 1]) if "--seed" in sys.argv else 0
    torch.set_num_threads(threads)
    cfg = json.load(open(f"{d}/config.json"))
    S = torch.from_numpy(np.load(f"{d}/train_s.npy"))
    y = torch.from_numpy(np.load(f"{d}/train_y.npy")).long()
    Sv = torch.from_numpy(np.load(f"{d}/val_s.npy"))
    yv = torch.from_numpy(np.load(f"{d}/val_y.npy")).long()
    W0 = torch.from_numpy(np.load(f"{d}/prior.npy"))
    gen = torch.Generator().manual_seed(seed)
    scale = float(cfg["scale"])
    n = S.shape[0]
    b = int(cfg["batchSize"]) or min(512, (n + 4) // 5)
    b = max(1, min(b, n))

    t0 = time.perf_counter()
    W = torch.nn.Parameter(W0.clone())
    opt = torch.optim.Adam([W], lr=cfg["learningRate"], betas=(cfg["beta1"], cfg["beta2"]), eps=cfg["adamEpsilon"])
    best, best_epoch, best_w = -1.0, 0, W.detach().clone()
    for epoch in range(1, cfg["epochs"] + 1):
        order = torch.randperm(n, generator=gen) if b < n else None
        for start in range(0, n, b):
            if order is None:
                sb, yb = S, y
            else:
                idx = order[start:start + b]
                sb, yb = S[idx], y[idx]
            A = torch.softmax(W, dim=1)
            loss = F.cross_entropy(scale * (sb @ A.T), yb)
            opt.zero_grad(set_to_none=True)
            loss.backward()
            opt.step()
        if epoch % cfg["validateEvery"] == 0 or epoch == cfg["epochs"]:
            with torch.no_grad():
                A = torch.softmax(W, dim=1)
                accuracy(S, y, A, scale, with_loss=True)
                val, _ = accuracy(Sv, yv, A, scale)
                if val > best:
                    best, best_epoch = val, epoch
                    best_w.copy_(W)
    seconds = time.perf_counter() - t0
    print(json.dumps({"seconds": seconds, "val_accuracy": best, "best_epoch": best_epoch, "threads": threads,
                      "torch": torch.__version__}))


if __name__ == "__main__":
    main()
