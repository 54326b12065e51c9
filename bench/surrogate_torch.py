#!/usr/bin/env python3
"""The 784-100-10 spiking network of Zenke's SpyTorch tutorial in PyTorch, written as that tutorial writes
it (dense input tensors, one einsum per layer, a Python loop over the 100 steps, autograd through time with
a custom surrogate Function): the reference that bench/harness.py times SpikeStudio's surrogate-gradient
trainer (sim/train/SurrogateGradient, bench_surrogate) against, and that the surrogate_vs_torch test checks
its gradients with.

The equations are those of sim/train/SurrogateGradient.h, step dt, alpha = exp(-dt/tau_syn),
beta = exp(-dt/tau_mem):
  S[t] = H(U[t] - 1); I[t+1] = alpha I[t] + W1 x[t]; U[t+1] = (beta U[t] + I[t]) (1 - S[t]) (reset detached)
  F[t+1] = alpha F[t] + W2 S[t]; O[t+1] = beta O[t] + F[t]; logits = max over t of O; cross-entropy.
  dS/dU is replaced by 1 / (scale |U - 1| + 1)^2 (SuperSpike's fast sigmoid).

Modes:
  --bench IDX_DIR  trains on the first --samples digits of IDX_DIR/train-*-idx*-ubyte in batches of
                   --batch with Adam (forward and backward), then evaluates them (forward only); prints
                   one JSON object with samples per second of each, timing only the network (the dense
                   input tensors of a batch are built before its clock starts), --repeats times, medians.
  --check DIR      reads what `bench_surrogate --dump DIR` wrote (weights, one batch of input spikes,
                   SpikeStudio's loss and gradients), computes the same in float64 with autograd and
                   exits 1 when they differ by more than --tolerance (relative to the largest gradient).
"""
import argparse
import json
import math
import os
import statistics
import sys
import time

import numpy as np
import torch

from idx import read_idx


class SurrGradSpike(torch.autograd.Function):
    """Heaviside forward; the fast sigmoid's derivative backward (SpyTorch's SurrGradSpike)."""
    scale = 100.0

    @staticmethod
    def forward(ctx, x):
        ctx.save_for_backward(x)
        out = torch.zeros_like(x)
        out[x > 0] = 1.0
        return out

    @staticmethod
    def backward(ctx, grad_output):
        (x,) = ctx.saved_tensors
        return grad_output / (SurrGradSpike.scale * torch.abs(x) + 1.0) ** 2


spike_fn = SurrGradSpike.apply


def run_snn(inputs, w1, w2, alpha, beta):
    """inputs: (batch, steps, inputs) dense spikes. Returns the logits (batch, outputs)."""
    batch, steps, _ = inputs.shape
    h1 = torch.einsum("abc,cd->abd", (inputs, w1))
    syn = torch.zeros((batch, w1.shape[1]), dtype=w1.dtype)
    mem = torch.zeros((batch, w1.shape[1]), dtype=w1.dtype)
    spk_rec = []
    for t in range(steps):
        out = spike_fn(mem - 1.0)
        rst = out.detach()  # no gradient through the reset
        new_syn = alpha * syn + h1[:, t]
        new_mem = (beta * mem + syn) * (1.0 - rst)
        spk_rec.append(out)
        mem, syn = new_mem, new_syn
    spk_rec = torch.stack(spk_rec, dim=1)
    h2 = torch.einsum("abc,cd->abd", (spk_rec, w2))
    flt = torch.zeros((batch, w2.shape[1]), dtype=w2.dtype)
    out = torch.zeros((batch, w2.shape[1]), dtype=w2.dtype)
    out_rec = []
    for t in range(steps):
        new_flt = alpha * flt + h2[:, t]
        out = beta * out + flt
        flt = new_flt
        out_rec.append(out)
    logits, _ = torch.max(torch.stack(out_rec, dim=1), 1)
    return logits


def latency_code(images, steps, dt, tau_eff=20e-3, threshold=0.2):
    """SpyTorch's current2firing_time, as sim/train's latencyCode: (sample, step, input) of every spike."""
    x = images.reshape(len(images), -1).astype(np.float64) / 255.0
    fires = x > threshold
    t = np.zeros_like(x)
    t[fires] = tau_eff * np.log(x[fires] / (x[fires] - threshold)) / dt
    step = t.astype(np.int64)
    sample, unit = np.nonzero(fires & (step < steps))
    return sample, step[sample, unit], unit


def dense_batch(sample, step, unit, first, count, steps, inputs, dtype):
    keep = (sample >= first) & (sample < first + count)
    dense = torch.zeros((count, steps, inputs), dtype=dtype)
    dense[torch.from_numpy(sample[keep] - first), torch.from_numpy(step[keep]), torch.from_numpy(unit[keep])] = 1.0
    return dense


def bench(args):
    torch.set_num_threads(args.threads)
    dtype = torch.float64 if args.float64 else torch.float32
    images = read_idx(os.path.join(args.bench, "train-images-idx3-ubyte"), args.samples)
    labels = torch.from_numpy(read_idx(os.path.join(args.bench, "train-labels-idx1-ubyte"), args.samples).astype(np.int64))
    n, steps, inputs, hidden, outputs = len(images), 100, 784, 100, 10
    dt, tau_mem, tau_syn = 1e-3, 10e-3, 5e-3
    alpha, beta = math.exp(-dt / tau_syn), math.exp(-dt / tau_mem)
    sample, step, unit = latency_code(images, steps, dt)
    loss_fn = torch.nn.NLLLoss()
    log_softmax = torch.nn.LogSoftmax(dim=1)
    train_rates, forward_rates = [], []
    for repeat in range(args.repeats):
        torch.manual_seed(repeat + 1)
        w1 = torch.empty((inputs, hidden), dtype=dtype).normal_(0.0, 7.0 * (1 - beta) / math.sqrt(inputs))
        w2 = torch.empty((hidden, outputs), dtype=dtype).normal_(0.0, 7.0 * (1 - beta) / math.sqrt(hidden))
        w1.requires_grad_(True)
        w2.requires_grad_(True)
        optimizer = torch.optim.Adam([w1, w2], lr=2e-3, betas=(0.9, 0.999))
        busy = 0.0
        for first in range(0, n, args.batch):
            count = min(args.batch, n - first)
            x = dense_batch(sample, step, unit, first, count, steps, inputs, dtype)
            t0 = time.perf_counter()
            loss = loss_fn(log_softmax(run_snn(x, w1, w2, alpha, beta)), labels[first:first + count])
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            busy += time.perf_counter() - t0
        train_rates.append(n / busy)
        busy, correct = 0.0, 0
        with torch.no_grad():
            for first in range(0, n, args.batch):
                count = min(args.batch, n - first)
                x = dense_batch(sample, step, unit, first, count, steps, inputs, dtype)
                t0 = time.perf_counter()
                logits = run_snn(x, w1, w2, alpha, beta)
                busy += time.perf_counter() - t0
                correct += int((logits.argmax(1) == labels[first:first + count]).sum())
        forward_rates.append(n / busy)
    print(json.dumps({"samples": n, "input_spikes": int(len(sample)), "batch": args.batch,
                      "dtype": "float64" if args.float64 else "float32", "threads": args.threads,
                      "train_samples_per_s": statistics.median(train_rates),
                      "forward_samples_per_s": statistics.median(forward_rates),
                      "train_accuracy_after_one_epoch": correct / n}))


def read_f64(path, rows, cols):
    data = np.fromfile(path, dtype="<f8")
    if data.size != rows * cols:
        raise SystemExit(f"{path}: {data.size} numbers, expected {rows} x {cols}")
    return torch.from_numpy(data.reshape(rows, cols).copy())


def check(args):
    torch.set_num_threads(1)
    with open(os.path.join(args.check, "meta.json")) as f:
        meta = json.load(f)
    inputs, hidden, outputs, steps = meta["inputs"], meta["hidden"], meta["outputs"], meta["steps"]
    alpha, beta = math.exp(-meta["dt"] / meta["tau_syn"]), math.exp(-meta["dt"] / meta["tau_mem"])
    SurrGradSpike.scale = meta["surrogate_scale"]
    w1 = read_f64(os.path.join(args.check, "w1.f64"), inputs, hidden).requires_grad_(True)
    w2 = read_f64(os.path.join(args.check, "w2.f64"), hidden, outputs).requires_grad_(True)
    labels, x = [], torch.zeros((len(meta["batch"]), steps, inputs), dtype=torch.float64)
    for b, sample in enumerate(meta["batch"]):
        labels.append(sample["label"])
        for t, i in sample["events"]:
            x[b, t, i] = 1.0
    logits = run_snn(x, w1, w2, alpha, beta)
    loss = torch.nn.NLLLoss()(torch.nn.LogSoftmax(dim=1)(logits), torch.tensor(labels))
    loss.backward()
    ours = {"w1": read_f64(os.path.join(args.check, "g1.f64"), inputs, hidden),
            "w2": read_f64(os.path.join(args.check, "g2.f64"), hidden, outputs)}
    worst = 0.0
    report = {"loss_spikestudio": meta["loss"], "loss_torch": float(loss),
              "correct_spikestudio": meta["correct"], "correct_torch": int((logits.argmax(1) == torch.tensor(labels)).sum())}
    for name, w in (("w1", w1), ("w2", w2)):
        scale = float(w.grad.abs().max())
        err = float((w.grad - ours[name]).abs().max()) / scale
        report[f"grad_{name}_max_abs"] = scale
        report[f"grad_{name}_max_rel_diff"] = err
        report[f"grad_{name}_nonzero"] = int((w.grad != 0).sum())
        worst = max(worst, err)
    loss_err = abs(float(loss) - meta["loss"]) / abs(float(loss))
    report["loss_rel_diff"] = loss_err
    print(json.dumps(report))
    ok = (worst <= args.tolerance and loss_err <= args.tolerance
          and report["correct_spikestudio"] == report["correct_torch"])
    if not ok:
        print(f"surrogate_torch: SpikeStudio and PyTorch differ by more than {args.tolerance:g}", file=sys.stderr)
    return 0 if ok else 1


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = p.add_mutually_exclusive_group(required=True)
    mode.add_argument("--bench", metavar="IDX_DIR")
    mode.add_argument("--check", metavar="DIR")
    p.add_argument("--samples", type=int, default=2000)
    p.add_argument("--batch", type=int, default=64)
    p.add_argument("--repeats", type=int, default=3)
    p.add_argument("--threads", type=int, default=1)
    p.add_argument("--float64", action="store_true", help="as SpikeStudio's trainer; SpyTorch uses float32")
    p.add_argument("--tolerance", type=float, default=1e-9)
    args = p.parse_args()
    if args.bench:
        bench(args)
        return 0
    return check(args)


if __name__ == "__main__":
    sys.exit(main())
