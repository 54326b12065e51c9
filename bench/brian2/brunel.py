#!/usr/bin/env python3
"""Brunel (2000) model A in Brian2, the reference for resources/experiments/brunel_ai.json.

  tau dv/dt = -v (unless refractory); v > theta: spike, v = V_r, held for t_ref.
  Every neuron receives C_E excitatory inputs (J) and C_I = C_E / 4 inhibitory inputs (-g J) from the
  network (fixed in-degree, no autapses, delay D) and C_E independent external Poisson inputs at nu_ext
  (PoissonInput: a binomial count per step, each adding J).
  tau 20 ms, theta 20 mV, V_r 10 mV, t_ref 2 ms, D 1.5 ms, dt 0.1 ms, nu_thr = theta / (J C_E tau).
  Defaults: Brunel's Fig. 8C, N_E 10,000, N_I 2,500, C_E 1,000, J 0.1 mV, g 5, nu_ext / nu_thr 2.

As in Brian2's Brunel_2000 example, synapses and PoissonInput write "v += J"; Brian2 2.5 holds a
refractory neuron's v at V_r (input that arrives then is lost, as in Brunel's model and SpikeStudio).

The demo's network is `brunel.py --ne 10000 --ce 200 --j 0.5` (tests/app/test_brunel.cpp quotes it); the
defaults are Brian2's Brunel_2000 example (Fig. 8C) with fixed in-degrees. Timing: Brian2 applies a spike's
input after the update of the step it arrives in, SpikeStudio before it (as models/export/BrianExport.cpp
notes), so SpikeStudio's delay D + dt matches Brian2's D; both give the same statistics within the
seed-to-seed spread at D and D + dt.

Prints one JSON object with the statistics of bench/brian2/brunel_stats.py. With --spikes FILE.npz it
also writes the spikes (i, t in s); brunel_stats.py reads those and SpikeStudio's *_spikes.csv alike.
"""
import argparse
import json
import os
import sys
import time
import warnings

warnings.filterwarnings("ignore")  # Debian's pythran and numpy disagree on deprecations; not ours

import numpy as np  # noqa: E402
import brian2 as b  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from brunel_stats import statistics  # noqa: E402


def fixed_in_degree(rng, n_pre, n_post, k, pre_offset, post_offset, same):
    """Sources and targets: every target draws k distinct sources (never itself when `same`)."""
    sources = np.empty(n_post * k, dtype=np.int64)
    for j in range(n_post):
        if same:
            s = rng.choice(n_pre - 1, size=k, replace=False)
            s[s >= j] += 1
        else:
            s = rng.choice(n_pre, size=k, replace=False)
        sources[j * k:(j + 1) * k] = s + pre_offset
    targets = np.repeat(np.arange(n_post) + post_offset, k)
    return sources, targets


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--ne", type=int, default=10000)
    ap.add_argument("--ce", type=int, default=1000)
    ap.add_argument("--j", type=float, default=0.1, help="mV")
    ap.add_argument("--g", type=float, default=5.0)
    ap.add_argument("--eta", type=float, default=2.0, help="nu_ext / nu_thr")
    ap.add_argument("--delay", type=float, default=1.5, help="ms")
    ap.add_argument("--duration", type=float, default=1000.0, help="ms")
    ap.add_argument("--skip", type=float, default=200.0, help="ms left out of the statistics")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--pool", type=int, default=0,
                    help="draw the external inputs from a shared pool of this many Poisson sources (fixed in-degree C_E, "
                         "as resources/experiments/brunel_ai.json did) instead of independent PoissonInput")
    ap.add_argument("--target", default="cython", choices=["numpy", "cython"])
    ap.add_argument("--spikes", help="write the spikes to this .npz")
    args = ap.parse_args()

    b.prefs.codegen.target = args.target
    b.seed(args.seed)
    rng = np.random.default_rng(args.seed)
    ms, mV, Hz = b.ms, b.mV, b.Hz
    ne, ni = args.ne, args.ne // 4
    ce, ci = args.ce, args.ce // 4
    n = ne + ni
    tau, theta, vr = 20 * ms, 20 * mV, 10 * mV
    J = args.j * mV
    nu_thr = theta / (J * ce * tau)
    nu_ext = args.eta * nu_thr
    b.defaultclock.dt = 0.1 * ms

    start = time.perf_counter()
    neurons = b.NeuronGroup(n, "dv/dt = -v / tau : volt (unless refractory)", threshold="v > theta",
                            reset="v = vr", refractory=2 * ms, method="exact",
                            namespace={"tau": tau, "theta": theta, "vr": vr})
    neurons.v = "rand() * theta"
    exc = b.Synapses(neurons, neurons, on_pre="v_post += J", delay=args.delay * ms, namespace={"J": J})
    inh = b.Synapses(neurons, neurons, on_pre="v_post += -g * J", delay=args.delay * ms,
                     namespace={"J": J, "g": args.g})
    # Fixed in-degree, no autapses: a target draws its sources from the other neurons of their population.
    e_i, e_j = [], []
    for lo, hi in ((0, ne), (ne, n)):
        s, t = fixed_in_degree(rng, ne, hi - lo, ce, 0, lo, lo == 0)
        e_i.append(s)
        e_j.append(t)
    exc.connect(i=np.concatenate(e_i), j=np.concatenate(e_j))
    i_i, i_j = [], []
    for lo, hi in ((0, ne), (ne, n)):
        s, t = fixed_in_degree(rng, ni, hi - lo, ci, ne, lo, lo == ne)
        i_i.append(s)
        i_j.append(t)
    inh.connect(i=np.concatenate(i_i), j=np.concatenate(i_j))
    if args.pool:
        pool = b.PoissonGroup(args.pool, rates=nu_ext)
        external = b.Synapses(pool, neurons, on_pre="v_post += J", delay=args.delay * ms, namespace={"J": J})
        s, t = fixed_in_degree(rng, args.pool, n, ce, 0, 0, False)
        external.connect(i=s, j=t)
        objects = [pool, external]
    else:
        objects = [b.PoissonInput(neurons, "v", ce, nu_ext, weight=J)]
    spikes = b.SpikeMonitor(neurons)
    net = b.Network(neurons, exc, inh, spikes, *objects)
    net.run(0 * ms)
    build_s = time.perf_counter() - start
    start = time.perf_counter()
    net.run(args.duration * ms)
    loop_s = time.perf_counter() - start

    idx = np.asarray(spikes.i[:])
    t = np.asarray(spikes.t[:] / b.second)
    if args.spikes:
        np.savez_compressed(args.spikes, i=idx, t=t, n=n, duration=args.duration * 1e-3)
    result = {"simulator": "brian2 " + b.__version__, "n": n, "ce": ce, "j_mV": args.j, "g": args.g,
              "eta": args.eta, "pool": args.pool, "nu_ext_Hz": float(nu_ext / Hz), "seed": args.seed,
              "build_s": round(build_s, 2), "loop_s": round(loop_s, 2)}
    result.update(statistics(idx, t, n, args.duration * 1e-3, args.skip * 1e-3))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
