#!/usr/bin/python3
"""PyTorch (CPU) reference for Glassbox's sparse-autoencoder training step (Discover-then-Name).

The same step as dev.glassbox.methods.dncbm.SaeTrainingStep, written the way the reference library
(ai-safety-foundation/sparse_autoencoder, vendored by DN-CBM) runs it, with autograd:
    x_bar = x - b_d;  f = relu(W_e x_bar + b_e);  x_hat = W_d f + b_d      (W_d: [dim x atoms])
    loss  = mean_batch( sum_dims (x_hat - x)^2 + l1 * sum_atoms |f| )
    Adam (betas 0.9/0.999, eps 1e-8, no weight decay); then the columns of W_d renormalised to 1.

Usage: /usr/bin/python3 sae_step_torch.py DIR [--check] [--steps N] [--warmup W] [--threads T] [--foreach]
DIR holds x.npy [batch x dim], we.npy [atoms x dim], be.npy [1 x atoms], dec.npy [atoms x dim]
(decoder atoms as rows, so W_d = dec.T), bd.npy [1 x dim] (float32) and config.json {l1, lr}.
--check: one step; writes after_we.npy, after_be.npy, after_dec.npy, after_bd.npy and prints
{"loss": ...}. Otherwise: W warm-up steps, then N timed steps; prints {"seconds": [...]}.
"""
import json
import sys
import time

import numpy as np
import torch


def main():
    d = sys.argv[1]
    args = sys.argv[2:]
    check = "--check" in args
    steps = int(args[args.index("--steps") + 1]) if "--steps" in args else 10
    warmup = int(args[args.index("--warmup") + 1]) if "--warmup" in args else 2
    threads = int(args[args.index("--threads") + 1]) if "--threads" in args else 2
    foreach = "--foreach" in args
    torch.set_num_threads(threads)
    cfg = json.load(open(f"{d}/config.json"))
    x = torch.from_numpy(np.load(f"{d}/x.npy"))
    we = torch.nn.Parameter(torch.from_numpy(np.load(f"{d}/we.npy")))
    be = torch.nn.Parameter(torch.from_numpy(np.load(f"{d}/be.npy")).reshape(-1))
    wd = torch.nn.Parameter(torch.from_numpy(np.load(f"{d}/dec.npy")).T.contiguous())
    bd = torch.nn.Parameter(torch.from_numpy(np.load(f"{d}/bd.npy")).reshape(-1))
    l1 = float(cfg["l1"])
    opt = torch.optim.Adam([we, be, wd, bd], lr=float(cfg["lr"]), betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0,
                           foreach=foreach)

    def step():
        f = torch.relu(torch.nn.functional.linear(x - bd, we, be))
        x_hat = torch.nn.functional.linear(f, wd, bd)
        loss = (x_hat - x).pow(2).sum(-1).mean() + l1 * f.abs().sum(-1).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        with torch.no_grad():
            wd.div_(wd.norm(dim=0, keepdim=True))
        return float(loss)

    if check:
        loss = step()
        np.save(f"{d}/after_we.npy", we.detach().numpy())
        np.save(f"{d}/after_be.npy", be.detach().numpy().reshape(1, -1))
        np.save(f"{d}/after_dec.npy", wd.detach().T.contiguous().numpy())
        np.save(f"{d}/after_bd.npy", bd.detach().numpy().reshape(1, -1))
        print(json.dumps({"loss": loss}))
        return
    for _ in range(warmup):
        step()
    times = []
    for _ in range(steps):
        t0 = time.perf_counter()
        step()
        times.append(time.perf_counter() - t0)
    print(json.dumps({"seconds": times, "threads": torch.get_num_threads(), "foreach": foreach}))


if __name__ == "__main__":
    main()
