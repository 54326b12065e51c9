#!/usr/bin/env python3
"""The CUBA and COBA balanced networks of Vogels & Abbott (2005) in Brian2, written to match
resources/experiments/cuba.json and coba.json: same equations, parameters, initial state, monitors and
random connectivity rule (each pair with probability p, autapses allowed), dt 0.1 ms.

  CUBA  tau_m dv/dt = (E_L - v) + ge + gi,  ge, gi in volts, integrated exactly (Brian2's CUBA example).
  COBA  tau_m dv/dt = (E_L - v) + I + ge (E_exc - v) + gi (E_inh - v), ge, gi relative to g_leak
        (the COBA benchmark of Brette et al. 2007 as run by Brian2, Stimberg et al. 2019), integrated with
        exponential Euler as SpikeStudio's conductance LIF is.

Runtime mode (--target cython) prints one JSON object: build_s (construction and code generation, up
to a run of 0 ms), loop_s (the run itself), spikes_exc, spikes_inh.
Standalone mode (--target standalone --dir DIR) generates and compiles C++ in DIR without running it
and prints codegen_s and compile_s; DIR/manifest.json names the result files bench/harness.py reads
after each run of DIR/main: one thread (Brian2's default, no OpenMP), or with --threads N Brian2's
OpenMP code on N threads (prefs.devices.cpp_standalone.openmp_threads).
"""
import argparse
import fcntl
import json
import os
import sys
import time
import warnings

warnings.filterwarnings("ignore")  # Debian's pythran and numpy disagree on deprecations; not ours

import brian2 as b  # noqa: E402

BUILD_LOCK = "/tmp/spikestudio-build.lock"  # compilers share this 2-core machine with the project build


def network(model, n, p):
    ms, mV = b.ms, b.mV
    ne = n * 4 // 5
    ns = {"taum": 20 * ms, "taue": 5 * ms, "taui": 10 * ms, "Vt": -50 * mV, "Vr": -60 * mV}
    if model == "cuba":
        eqs = """dv/dt = (ge + gi - (v - El)) / taum : volt (unless refractory)
                 dge/dt = -ge / taue : volt
                 dgi/dt = -gi / taui : volt"""
        ns.update(El=-49 * mV, we=1.62 * mV, wi=-9.0 * mV)
        method = "exact"
    else:
        eqs = """dv/dt = (ge * (Ee - v) + gi * (Ei - v) - (v - El) + I) / taum : volt (unless refractory)
                 dge/dt = -ge / taue : 1
                 dgi/dt = -gi / taui : 1"""
        ns.update(El=-60 * mV, I=20 * mV, Ee=0 * mV, Ei=-80 * mV, we=0.6, wi=6.7)
        method = "exponential_euler"
    group = b.NeuronGroup(n, eqs, threshold="v > Vt", reset="v = Vr", refractory=5 * ms, method=method,
                          namespace=ns)
    group.v = "Vr + rand() * (Vt - Vr)"
    exc = b.Synapses(group[:ne], group, on_pre="ge += we", namespace=ns)
    inh = b.Synapses(group[ne:], group, on_pre="gi += wi", namespace=ns)
    exc.connect(p=p)
    inh.connect(p=p)
    spikes = b.SpikeMonitor(group)
    trace = b.StateMonitor(group, "v", record=range(5))
    return b.Network(group, exc, inh, spikes, trace), spikes, ne


def run_runtime(args):
    b.prefs.codegen.target = args.target
    b.seed(args.seed)
    start = time.perf_counter()
    net, spikes, ne = network(args.model, args.neurons, args.p)
    net.run(0 * b.ms)  # code generation and compilation happen here, outside the timed loop
    built = time.perf_counter()
    net.run(args.duration * b.second)
    done = time.perf_counter()
    count = spikes.count[:]
    return {"build_s": built - start, "loop_s": done - built,
            "spikes_exc": int(count[:ne].sum()), "spikes_inh": int(count[ne:].sum())}


def build_standalone(args):
    b.set_device("cpp_standalone", directory=args.dir, build_on_run=False)
    b.prefs.devices.cpp_standalone.openmp_threads = args.threads if args.threads > 1 else 0
    b.prefs.devices.cpp_standalone.extra_make_args_unix = ["-j2"]
    start = time.perf_counter()
    net, spikes, ne = network(args.model, args.neurons, args.p)
    net.run(args.duration * b.second)
    b.device.build(directory=args.dir, compile=False, run=False)
    generated = time.perf_counter()
    with open(BUILD_LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        compile_start = time.perf_counter()
        b.device.compile_source(args.dir, compiler="gcc", debug=False, clean=True)
        compiled = time.perf_counter()
    manifest = {"count_file": b.device.get_array_filename(spikes.variables["count"]), "count_dtype": "int32",
                "exc": ne, "neurons": args.neurons}
    with open(os.path.join(args.dir, "manifest.json"), "w") as f:
        json.dump(manifest, f)
    return {"codegen_s": generated - start, "compile_s": compiled - compile_start}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--model", choices=["cuba", "coba"], required=True)
    parser.add_argument("--neurons", type=int, default=4000)
    parser.add_argument("--p", type=float, default=0.02)
    parser.add_argument("--duration", type=float, default=1.0, help="seconds of biological time")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--target", choices=["cython", "numpy", "standalone"], default="cython")
    parser.add_argument("--dir", help="standalone: folder for the generated project")
    parser.add_argument("--threads", type=int, default=1, help="standalone: OpenMP threads (1: no OpenMP)")
    args = parser.parse_args()
    b.defaultclock.dt = 0.1 * b.ms
    if args.target == "standalone":
        if not args.dir:
            parser.error("--target standalone needs --dir")
        result = build_standalone(args)
    else:
        if args.threads != 1:
            parser.error("--threads is for --target standalone")
        result = run_runtime(args)
    print(json.dumps(result))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
