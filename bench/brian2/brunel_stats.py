#!/usr/bin/env python3
"""Statistics of a Brunel network's spikes, the same for Brian2 (bench/brian2/brunel.py) and SpikeStudio.

  rate_Hz         mean rate of all n neurons over [skip, duration)
  cv_isi          mean over neurons with at least 3 spikes of sd(ISI) / mean(ISI)
  sd_mean_0_1ms,  sd / mean of the population spike count in bins of 0.1 ms and 2 ms; independent
  sd_mean_2ms     Poisson neurons give 1 / sqrt(n rate bin) (the *_poisson values)
  peak_Hz,        frequency (above 5 Hz) of the largest value of the population rate's power spectrum
  peak_ratio      (averaged over 200 ms windows) and that value over the flat spectrum of independent
                  Poisson neurons

Usage for SpikeStudio: brunel_stats.py --sizes 10000,2500 --duration 1000 exc_spikes.csv inh_spikes.csv
(the CSV files that `spikestudio run --out DIR` writes, one per population, in the order of --sizes).
"""
import argparse
import json

import numpy as np


def statistics(idx, t, n, duration, skip, dt=1e-4):
    idx = np.asarray(idx, dtype=np.int64)
    t = np.asarray(t, dtype=float)
    keep = t >= skip - dt / 2
    idx, t = idx[keep], t[keep]
    span = duration - skip
    rate = len(t) / n / span
    order = np.lexsort((t, idx))
    idx_s, t_s = idx[order], t[order]
    cvs = []
    bounds = np.flatnonzero(np.diff(idx_s)) + 1
    for part in np.split(t_s, bounds):
        if len(part) >= 3:
            isi = np.diff(part)
            cvs.append(isi.std() / isi.mean())
    steps = int(round(span / dt))
    counts = np.bincount(np.minimum(((t - skip) / dt + 0.5).astype(np.int64), steps - 1), minlength=steps)
    out = {"rate_Hz": round(rate, 3), "cv_isi": round(float(np.mean(cvs)), 4) if cvs else None}
    for name, width in (("0_1ms", 1), ("2ms", 20)):
        c = counts[: steps // width * width].reshape(-1, width).sum(axis=1)
        out["sd_mean_" + name] = round(float(c.std() / c.mean()), 4)
        out["sd_mean_" + name + "_poisson"] = round(float(1.0 / np.sqrt(n * rate * width * dt)), 4)
    # Power spectrum of the population rate (0.1 ms bins), averaged over 200 ms windows.
    win = int(round(0.2 / dt))
    segs = counts[: steps // win * win].reshape(-1, win).astype(float)
    segs -= segs.mean(axis=1, keepdims=True)
    power = (np.abs(np.fft.rfft(segs, axis=1)) ** 2).mean(axis=0)
    freqs = np.fft.rfftfreq(win, dt)
    # A sum of independent Poisson trains (total rate n * rate) gives E|FFT|^2 = n * rate * win * dt per bin.
    flat = n * rate * win * dt
    band = freqs > 5.0
    k = np.argmax(np.where(band, power, -1.0))
    out["peak_Hz"] = round(float(freqs[k]), 1)
    out["peak_ratio"] = round(float(power[k] / flat), 1)
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="+", help="neuron,time_s CSV files (or one .npz of brunel.py)")
    ap.add_argument("--sizes", required=True, help="neurons of each file, comma-separated")
    ap.add_argument("--duration", type=float, required=True, help="ms")
    ap.add_argument("--skip", type=float, default=200.0, help="ms")
    args = ap.parse_args()
    sizes = [int(x) for x in args.sizes.split(",")]
    idx, t = [], []
    base = 0
    for k, f in enumerate(args.files):
        if f.endswith(".npz"):
            d = np.load(f)
            i, s = d["i"], d["t"]
        else:
            d = np.loadtxt(f, delimiter=",", skiprows=1, ndmin=2)
            i, s = d[:, 0].astype(np.int64), d[:, 1]
        idx.append(i + base)
        t.append(s)
        base += sizes[k] if k < len(sizes) else 0
    print(json.dumps(statistics(np.concatenate(idx), np.concatenate(t), sum(sizes), args.duration * 1e-3,
                                args.skip * 1e-3)))


if __name__ == "__main__":
    main()
