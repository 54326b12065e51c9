#!/usr/bin/env python3
"""The first convolutional layer of Kheradpisheh, Ganjtabesh, Thorpe & Masquelier (2018) learning MNIST
digits with STDP, in numpy, vectorised over time as SpykeTorch does it (Mozafari et al. 2019): the
reference that bench/harness.py times SpikeStudio's conv1 against, sample for sample.

Parameters come from the SpikeStudio document given (a slice of resources/experiments/kheradpisheh_mnist.json
that bench/harness.py writes: digits -> dog -> conv1_syn with stdp1 -> conv1 with conv1_inh). Per sample:
  1. DoG on/off filtering of the digit (values / 255): two Gaussian blurs, `window` x `window`,
     zero outside the image, on = max(0, D), off = max(0, -D);
  2. latency: a response r > threshold fires once, in step round((1 - r / r_max) (steps - 1));
  3. the potentials of all maps at every step at once: the cumulative input spikes (arriving one
     step after they are emitted: the projection's delay) unfolded into 5 x 5 x 2 patches, times the
     30 kernels (one matrix product over time steps and positions);
  4. a neuron fires at the first step its potential reaches v_th; per position the first to fire wins
     (ties: the larger potential, then the lower map index) and inhibits the others for the rest of
     the sample (lateral weight -100 against at most 50 of input), so each position fires at most once;
  5. STDP: each map learns once, at its earliest winning neuron (ties: row-major position order):
     w += a w (1 - w), a = +a_plus where the input in that neuron's window fired at or before the
     neuron's step, -a_minus elsewhere.
As in SpykeTorch, the potentials of a sample come from the kernels at its start and the kernels change
after it; SpikeStudio changes a kernel in the step its map learns, so later inputs of the same sample
see the new kernel (a+ w (1 - w) <= 0.001 per sample: the spike counts differ by a fraction of a percent).
The initial kernels are drawn from the same normal distribution, not the same numbers.

Prints one JSON object: build_s (reading and setup), loop_s (the training loop, encoding included),
images (samples), presentations, spikes (conv1 spikes in all samples).
"""
import argparse
import json
import os
import time

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

from idx import read_idx


def gaussian(sigma, window):
    k = np.arange(window) - (window - 1) / 2
    g = np.exp(-k * k / (2 * sigma * sigma))
    return g / g.sum()


def blur(image, g):
    """Separable blur of a 2-D image, zero outside it."""
    r = len(g) // 2
    padded = np.pad(image, r)
    rows = sliding_window_view(padded, len(g), axis=1) @ g  # (H + 2r, W)
    return sliding_window_view(rows, len(g), axis=0) @ g     # (H, W)


class ConvLayer:
    def __init__(self, params, seed):
        dog, syn, rule, layer = params["dog"], params["conv1_syn"], params["stdp1"], params["conv1"]
        self.g_centre = gaussian(dog["sigma_centre"], dog["window"])
        self.g_surround = gaussian(dog["sigma_surround"], dog["window"])
        self.steps, self.threshold = dog["steps"], dog["threshold"]
        self.features, self.kernel = syn["features"], syn["kernel"]
        self.delay = int(round(syn["delay"] / params["dt"]))
        self.v_th = layer["v_th"]
        self.a_plus, self.a_minus = rule["a_plus"], rule["a_minus"]
        rng = np.random.default_rng(seed)
        # kernels as rows: feature x (channel, ky, kx), float32 as SpikeStudio stores weights
        self.w = rng.normal(syn["weight"], syn["weight_sd"], (self.features, 2 * self.kernel ** 2)).astype(np.float32)

    def encode(self, image):
        x = image.astype(np.float64) / 255.0
        d = blur(x, self.g_centre) - blur(x, self.g_surround)
        response = np.stack([np.maximum(d, 0.0), np.maximum(-d, 0.0)])  # 2 x H x W
        fire = np.full(response.shape, np.iinfo(np.int32).max, dtype=np.int64)  # never
        on = response > self.threshold
        if on.any():
            late = (1.0 - response[on] / response.max()) * (self.steps - 1)
            fire[on] = np.floor(late + 0.5).astype(np.int64)  # llround of a non-negative value
        return fire

    def sample(self, image, present):
        fire = self.encode(image)
        # Potentials change only while inputs arrive: steps 0 .. last arrival, constant afterwards.
        last = min(present - 1, self.steps - 1 + self.delay)
        k = self.kernel
        windows = sliding_window_view(fire, (k, k), axis=(1, 2))  # 2 x Ho x Wo x k x k: input steps
        c, ho, wo = windows.shape[:3]
        arrival = windows.transpose(1, 2, 0, 3, 4).reshape(ho * wo, c * k * k) + self.delay
        steps = np.arange(last + 1, dtype=np.int64)
        arrived = (arrival[None] <= steps[:, None, None]).astype(np.float32)  # T x positions x inputs
        v = arrived @ self.w.T  # T x positions x features
        above = v >= self.v_th
        crossed = above.any(axis=0)  # positions x features
        first = np.where(crossed, above.argmax(axis=0), np.iinfo(np.int64).max)
        step = first.min(axis=1)  # per position: the step of its first spike
        fired = step < np.iinfo(np.int64).max
        pos = np.flatnonzero(fired)
        # Winner per position among the maps crossing in that step: the largest potential, then the lowest map.
        at_step = v[step[pos], pos, :]
        at_step = np.where(first[pos] == step[pos, None], at_step, -np.inf)
        winner = at_step.argmax(axis=1)
        self.learn(fire, pos, winner, step[pos], ho, wo)
        return len(pos)

    def learn(self, fire, pos, winner, step, ho, wo):
        k = self.kernel
        for f in np.unique(winner):
            mine = np.flatnonzero(winner == f)
            best = mine[np.lexsort((pos[mine], step[mine]))[0]]  # earliest, then row-major first
            y, x = divmod(int(pos[best]), wo)
            window = fire[:, y:y + k, x:x + k].reshape(-1)
            a = np.where(window <= step[best], self.a_plus, -self.a_minus).astype(np.float32)
            w = self.w[f]
            self.w[f] = w + a * w * (1.0 - w)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--document", required=True, help="the conv1 slice bench/harness.py writes")
    parser.add_argument("--images", type=int, default=100)
    parser.add_argument("--data", default=os.environ.get("SPIKESTUDIO_DATA", "data"))
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    start = time.perf_counter()
    with open(args.document) as f:
        doc = json.load(f)
    params = {n["id"]: n["params"] for n in doc["nodes"]}
    params["dt"] = doc["experiment"]["dt"]
    present = int(round(doc["experiment"]["protocol"]["present"] / params["dt"]))
    images = read_idx(os.path.join(args.data, "mnist", "train-images-idx3-ubyte"), args.images)
    layer = ConvLayer(params, args.seed)
    built = time.perf_counter()
    spikes = sum(layer.sample(image, present) for image in images)
    done = time.perf_counter()
    print(json.dumps({"build_s": built - start, "loop_s": done - built, "images": len(images),
                      "presentations": len(images), "spikes": int(spikes)}))


if __name__ == "__main__":
    main()
