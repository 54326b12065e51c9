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

Prints one JSON object: build_s (construction and code generation), loop_s (the training loop),
images, presentations, spikes (excitatory).
"""
import argparse
import json
import os
import sys
import time
import warnings

warnings.filterwarnings("ignore")  # Debian's pythran and numpy disagree on deprecations; not ours

import brian2 as b  # noqa: E402
import numpy as np  # noqa: E402


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


def build(experiment, nodes, seed):
    ms, mV = b.ms, b.mV
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
                "e_exc": p["e_exc"] * mV, "e_inh": p["e_inh"] * mV}

    exc_ns = {**namespace(exc_p), "theta_plus": exc_p["theta_plus"] * mV, "tau_theta": exc_p["tau_theta"] * ms}
    exc = b.NeuronGroup(n, lif + "\ndtheta/dt = -theta / tau_theta : volt", threshold="v > v_th + theta",
                        reset="v = v_reset; theta += theta_plus", refractory=exc_p["t_ref"] * ms,
                        method="exponential_euler", namespace=exc_ns)
    inh = b.NeuronGroup(inh_p["size"], lif, threshold="v > v_th", reset="v = v_reset",
                        refractory=inh_p["t_ref"] * ms, method="exponential_euler", namespace=namespace(inh_p))
    exc.v, inh.v = exc_p["v_init_min"] * mV, inh_p["v_init_min"] * mV

    inputs = b.PoissonGroup(784, rates=np.zeros(784) * b.Hz)
    rule_ns = {"tau_pre": stdp["tau_pre"] * ms, "tau_post1": stdp["tau_post1"] * ms,
               "tau_post2": stdp["tau_post2"] * ms, "nu_pre": stdp["nu_pre"], "nu_post": stdp["nu_post"],
               "w_max": stdp["w_max"]}
    # Each trace is set to 1 by a spike and decays exactly, so its value is exp(-(t - last spike) / tau):
    # the synapse keeps the times of the last pre and post spikes (what Brian2's event-driven traces do,
    # without their symbolic integration at every run() call).
    learn = b.Synapses(
        inputs, exc,
        """w : 1
           last_in : second
           last_out : second""",
        on_pre="""ge_post += w
                  w = clip(w - nu_pre * exp(-(t - last_out) / tau_post1), 0, w_max)
                  last_in = t""",
        on_post="""w = clip(w + nu_post * exp(-(t - last_in) / tau_pre) * exp(-(t - last_out) / tau_post2), 0, w_max)
                   last_out = t""",
        namespace=rule_ns)
    learn.connect()  # synapse k is pre k // n, post k % n
    low, high = nodes["input_exc"].get("weight_low", 0.0), nodes["input_exc"]["weight"]
    learn.w = np.random.RandomState(seed).uniform(low, high, 784 * n)
    learn.last_in, learn.last_out = -1e3 * b.second, -1e3 * b.second  # no earlier spike: traces at 0

    to_inh = b.Synapses(exc, inh, on_pre="ge_post += %g" % nodes["exc_inh"]["weight"], namespace={})
    to_inh.connect(j="i")
    to_exc = b.Synapses(inh, exc, on_pre="gi_post += %g" % nodes["inh_exc"]["weight"], namespace={})
    to_exc.connect(condition="i != j")
    spikes = b.SpikeMonitor(exc, record=False)
    net = b.Network(exc, inh, inputs, learn, to_inh, to_exc, spikes)
    return net, inputs, learn, spikes, (exc, inh), n


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--document", required=True)
    parser.add_argument("--images", type=int, default=100)
    parser.add_argument("--data", default=os.environ.get("SPIKESTUDIO_DATA", "data"))
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--target", choices=["cython", "numpy"], default="cython")
    args = parser.parse_args()
    b.prefs.codegen.target = args.target

    experiment, nodes = document_params(args.document)
    protocol = experiment["protocol"]
    images = read_images(os.path.join(args.data, "mnist", "train-images-idx3-ubyte"), args.images)
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
        rates = image / 255.0 * max_rate
        for repeat in range(protocol["max_repeats"] + 1):
            for g in groups:  # SpikeStudio's beginSample: state back to initial, weights normalised
                g.v, g.ge, g.gi = initial[g]["v"], 0, 0
            weights = learn.w[:].reshape(784, n)
            learn.w = (weights * (norm / np.maximum(weights.sum(axis=0), 1e-12))).ravel()
            before = spikes.num_spikes
            inputs.rates = rates * (1 + repeat * protocol["intensity_step"]) * b.Hz
            net.run(present, profile=profile)
            inputs.rates = 0 * b.Hz
            net.run(rest, profile=profile)
            presentations += 1
            if spikes.num_spikes - before >= protocol["min_spikes"]:
                break
    done = time.perf_counter()
    if profile:
        print(b.profiling_summary(net, 8), file=sys.stderr)
    print(json.dumps({"build_s": built - start, "loop_s": done - built, "images": len(images),
                      "presentations": presentations, "spikes": int(spikes.num_spikes)}))


if __name__ == "__main__":
    main()
