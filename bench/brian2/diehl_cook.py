#!/usr/bin/env python3
"""Training throughput of the Diehl & Cook (2015) network in Brian2 (runtime target), with the
parameters read from a SpikeStudio document (resources/experiments/diehl_cook_100.json or _400) and the
same equations as SpikeStudio's adaptive and conductance LIF (models/neurons/LifPopulation.h) and
triplet STDP rule (models/plasticity/DiehlCookRule.h), held per synapse as in the authors' Brian code.
The protocol is SpikeStudio's: before each presentation the membrane state is reset and
each neuron's incoming weights are scaled to sum norm_sum; a digit is shown for `present` ms as Poisson
trains (rate = max_rate x pixel / 255 x intensity), then `rest` ms of silence; when the excitatory layer
fired fewer than min_spikes the digit is shown again with intensity + intensity_step, at most
max_repeats times. The first N training images of data/mnist, in file order.

--max-repeats N overrides the document's max_repeats (0: every digit shown once, no retries).

Single run (--single-run with a runtime target, or --target standalone): the same protocol without
retries as one run() of N x (present + rest), with no Python between digits, so that Brian2's C++
standalone mode can run it: the digits' rates are a TimedArray (stimulus(t, i), zero in the rests), and
a run_regularly every present + rest, at the start of each digit, resets v, ge and gi and scales the
input weights to sum norm_sum per neuron; the sums come from a summed variable (w_sum_post = w) whose
updater is moved onto that run_regularly's clock, so that it runs once per digit, not every step.
Adaptive thresholds (theta) carry on across digits, as in the loop.

--target standalone --dir DIR generates and compiles the C++ project in DIR without running it and
prints codegen_s and compile_s; DIR/manifest.json names the spike count file that bench/engines.py reads
after each run of DIR/main (one thread).

Prints one JSON object: build_s (construction and code generation), loop_s (the training loop),
images, presentations, spikes (excitatory).
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
import numpy as np  # noqa: E402

BUILD_LOCK = "/tmp/spikestudio-build.lock"  # compilers share the machine with the project build


def read_images(path, count):
    with open(path, "rb") as f:
        magic, n, rows, cols = np.frombuffer(f.read(16), dtype=">i4")
        if magic != 2051:
            raise SystemExit(f"{path}: not an IDX image file")
        count = min(count, int(n))
        return np.frombuffer(f.read(count * rows * cols), dtype=np.uint8).reshape(count, rows * cols)


def document_params(path):
    with open(path) as f:
        doc = json.load(f)
    nodes = {n["id"]: n["params"] for n in doc["nodes"]}
    return doc["experiment"], nodes


def build(experiment, nodes, seed, stimulus=None, every=None):
    """The network. stimulus: a TimedArray of rates (Hz) for the inputs, else rates set from Python;
    every: the digit period of a single run (weights normalised and state reset by the network itself)."""
    ms, mV = b.ms, b.mV
    if seed is not None:  # standalone: none, each run of the program draws its own
        b.seed(seed)
    b.defaultclock.dt = experiment["dt"] * ms
    exc_p, inh_p, stdp = nodes["exc"], nodes["inh"], nodes["stdp"]
    n = exc_p["size"]
    lif = """dv/dt = ((v_rest - v) + ge * (e_exc - v) + gi * (e_inh - v)) / tau_m : volt (unless refractory)
             dge/dt = -ge / tau_e : 1
             dgi/dt = -gi / tau_i : 1"""

    def namespace(p):
        return {"v_rest": p["v_rest"] * mV, "v_reset": p["v_reset"] * mV, "v_th": p["v_th"] * mV,
                "tau_m": p["tau_m"] * ms, "tau_e": p["tau_syn_e"] * ms, "tau_i": p["tau_syn_i"] * ms,
                "e_exc": p["e_exc"] * mV, "e_inh": p["e_inh"] * mV, "v_start": p["v_init_min"] * mV}

    exc_ns = {**namespace(exc_p), "theta_plus": exc_p["theta_plus"] * mV, "tau_theta": exc_p["tau_theta"] * ms}
    summed = "\nw_sum : 1" if every is not None else ""
    exc = b.NeuronGroup(n, lif + "\ndtheta/dt = -theta / tau_theta : volt" + summed, threshold="v > v_th + theta",
                        reset="v = v_reset; theta += theta_plus", refractory=exc_p["t_ref"] * ms,
                        method="exponential_euler", namespace=exc_ns)
    inh = b.NeuronGroup(inh_p["size"], lif, threshold="v > v_th", reset="v = v_reset",
                        refractory=inh_p["t_ref"] * ms, method="exponential_euler", namespace=namespace(inh_p))
    exc.v, inh.v = exc_p["v_init_min"] * mV, inh_p["v_init_min"] * mV

    if stimulus is None:
        inputs = b.PoissonGroup(784, rates=np.zeros(784) * b.Hz)
    else:
        inputs = b.PoissonGroup(784, rates="stimulus(t, i)", namespace={"stimulus": stimulus})
    rule_ns = {"tau_pre": stdp["tau_pre"] * ms, "tau_post1": stdp["tau_post1"] * ms,
               "tau_post2": stdp["tau_post2"] * ms, "nu_pre": stdp["nu_pre"], "nu_post": stdp["nu_post"],
               "w_max": stdp["w_max"], "norm_sum": stdp["norm_sum"]}
    # Each trace is set to 1 by a spike and decays exactly, so its value is exp(-(t - last spike) / tau):
    # the synapse keeps the times of the last pre and post spikes (what Brian2's event-driven traces do,
    # without their symbolic integration at every run() call).
    learn = b.Synapses(
        inputs, exc,
        """w : 1
           last_in : second
           last_out : second""" + ("\nw_sum_post = w : 1 (summed)" if every is not None else ""),
        on_pre="""ge_post += w
                  w = clip(w - nu_pre * exp(-(t - last_out) / tau_post1), 0, w_max)
                  last_in = t""",
        on_post="""w = clip(w + nu_post * exp(-(t - last_in) / tau_pre) * exp(-(t - last_out) / tau_post2), 0, w_max)
                   last_out = t""",
        namespace=rule_ns)
    learn.connect()  # synapse k is pre k // n, post k % n
    low, high = nodes["input_exc"].get("weight_low", 0.0), nodes["input_exc"]["weight"]
    learn.w = np.random.RandomState(seed or 1).uniform(low, high, 784 * n)
    learn.last_in, learn.last_out = -1e3 * b.second, -1e3 * b.second  # no earlier spike: traces at 0

    to_inh = b.Synapses(exc, inh, on_pre="ge_post += %g" % nodes["exc_inh"]["weight"], namespace={})
    to_inh.connect(j="i")
    to_exc = b.Synapses(inh, exc, on_pre="gi_post += %g" % nodes["inh_exc"]["weight"], namespace={})
    to_exc.connect(condition="i != j")
    spikes = b.SpikeMonitor(exc, record=False)
    net = b.Network(exc, inh, inputs, learn, to_inh, to_exc, spikes)
    if every is not None:
        # At the start of each digit: state back to initial (as SpikeStudio's beginSample), then the
        # input weights of every neuron scaled to sum norm_sum, from sums taken just before.
        norm = learn.run_regularly("w = w * norm_sum / w_sum_post", dt=every, when="start", order=1)
        updater = learn.summed_updaters["w_sum_post"]
        updater._clock, updater.when, updater.order = norm.clock, "start", 0  # once per digit, not per step
        # (run_regularly objects belong to their groups: the network runs them with the groups.)
        for g in (exc, inh):
            g.run_regularly("v = v_start; ge = 0; gi = 0", dt=every, when="start", order=1)
    return net, inputs, learn, spikes, (exc, inh), n


def stimulus_array(images, max_rate, present, rest):
    """Rates (Hz) of every digit in order, zero in the rests: a TimedArray over present + rest periods in
    steps of their greatest common divisor (50 ms for 350 + 150 ms)."""
    step = float(np.gcd(int(round(present * 1e3)), int(round(rest * 1e3)))) / 1e3  # in ms
    on, off = int(round(present / step)), int(round(rest / step))
    rates = np.repeat(images / 255.0 * max_rate, on + off, axis=0)
    mask = np.tile(np.arange(on + off) < on, len(images))
    rates[~mask] = 0.0
    return b.TimedArray(rates * b.Hz, dt=step * b.ms)


def run_loop(args, experiment, nodes, protocol, images):
    """The protocol from Python, digit by digit (runtime targets)."""
    start = time.perf_counter()
    net, inputs, learn, spikes, groups, n = build(experiment, nodes, args.seed)
    net.run(0 * b.ms)  # code generation and compilation, outside the timed loop
    built = time.perf_counter()

    present, rest = protocol["present"] * b.ms, protocol["rest"] * b.ms
    profile = bool(os.environ.get("BENCH_PROFILE"))  # Brian2's per-object timing, to stderr
    max_rate = nodes["input"].get("max_rate", 63.75)
    norm = nodes["stdp"]["norm_sum"]
    initial = {g: {"v": g.v[:].copy()} for g in groups}
    presentations = 0
    for image in images:
        digit = image / 255.0 * max_rate
        for repeat in range(protocol["max_repeats"] + 1):
            for g in groups:  # SpikeStudio's beginSample: state back to initial, weights normalised
                g.v, g.ge, g.gi = initial[g]["v"], 0, 0
            weights = learn.w[:].reshape(784, n)
            learn.w = (weights * (norm / np.maximum(weights.sum(axis=0), 1e-12))).ravel()
            before = spikes.num_spikes
            inputs.rates = digit * (1 + repeat * protocol["intensity_step"]) * b.Hz
            net.run(present, profile=profile)
            inputs.rates = 0 * b.Hz
            net.run(rest, profile=profile)
            presentations += 1
            if spikes.num_spikes - before >= protocol["min_spikes"]:
                break
    done = time.perf_counter()
    if profile:
        print(b.profiling_summary(net, 8), file=sys.stderr)
    return {"build_s": built - start, "loop_s": done - built, "images": len(images),
            "presentations": presentations, "spikes": int(spikes.num_spikes)}


def single_run(experiment, nodes, protocol, images, seed):
    present, rest = protocol["present"], protocol["rest"]
    stimulus = stimulus_array(images, nodes["input"].get("max_rate", 63.75), present, rest)
    net, _, _, spikes, _, _ = build(experiment, nodes, seed, stimulus, (present + rest) * b.ms)
    return net, spikes, len(images) * (present + rest) * b.ms


def run_single(args, experiment, nodes, protocol, images):
    start = time.perf_counter()
    net, spikes, duration = single_run(experiment, nodes, protocol, images, args.seed)
    net.run(0 * b.ms)
    built = time.perf_counter()
    net.run(duration)
    done = time.perf_counter()
    return {"build_s": built - start, "loop_s": done - built, "images": len(images),
            "presentations": len(images), "spikes": int(spikes.num_spikes)}


def build_standalone(args, experiment, nodes, protocol, images):
    b.set_device("cpp_standalone", directory=args.dir, build_on_run=False)
    b.prefs.devices.cpp_standalone.openmp_threads = 0
    b.prefs.devices.cpp_standalone.extra_make_args_unix = ["-j2"]
    start = time.perf_counter()
    net, spikes, duration = single_run(experiment, nodes, protocol, images, None)
    net.run(duration)
    b.device.build(directory=args.dir, compile=False, run=False)
    generated = time.perf_counter()
    with open(BUILD_LOCK, "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        compile_start = time.perf_counter()
        b.device.compile_source(args.dir, compiler="gcc", debug=False, clean=True)
        compiled = time.perf_counter()
    manifest = {"count_file": b.device.get_array_filename(spikes.variables["count"]), "count_dtype": "int32",
                "images": len(images), "presentations": len(images)}
    with open(os.path.join(args.dir, "manifest.json"), "w") as f:
        json.dump(manifest, f)
    return {"codegen_s": generated - start, "compile_s": compiled - compile_start}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--document", required=True)
    parser.add_argument("--images", type=int, default=100)
    parser.add_argument("--data", default=os.environ.get("SPIKESTUDIO_DATA", "data"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--target", choices=["cython", "numpy", "standalone"], default="cython")
    parser.add_argument("--max-repeats", type=int, help="override the document's max_repeats (0: no retries)")
    parser.add_argument("--single-run", action="store_true",
                        help="runtime targets: one run() without retries, as the standalone program")
    parser.add_argument("--dir", help="standalone: folder for the generated project")
    args = parser.parse_args()

    experiment, nodes = document_params(args.document)
    protocol = dict(experiment["protocol"])
    if args.max_repeats is not None:
        protocol["max_repeats"] = args.max_repeats
    images = read_images(os.path.join(args.data, "mnist", "train-images-idx3-ubyte"), args.images)
    if args.target == "standalone":
        if not args.dir:
            parser.error("--target standalone needs --dir")
        result = build_standalone(args, experiment, nodes, protocol, images)
    else:
        b.prefs.codegen.target = args.target
        if args.single_run:
            result = run_single(args, experiment, nodes, protocol, images)
        else:
            result = run_loop(args, experiment, nodes, protocol, images)
    print(json.dumps(result))
    sys.stdout.flush()


if __name__ == "__main__":
    main()
