"""The benchmarks scripts/bench runs (see bench/harness.py)."""
import json
import os
from dataclasses import dataclass
from typing import Optional


@dataclass(frozen=True)
class BalancedBench:
    """A Vogels & Abbott (2005) balanced network: 80 % excitatory, 20 % inhibitory, each pair connected with
    probability p. Built from resources/experiments/<model>.json with the sizes and p set on the command line."""
    name: str
    model: str  # "cuba" or "coba"
    neurons: int
    p: float
    duration: float  # seconds of biological time

    @property
    def document(self):
        return f"resources/experiments/{self.model}.json"

    def settings(self):
        exc = self.neurons * 4 // 5
        sets = [f"exc.size={exc}", f"inh.size={self.neurons - exc}"]
        sets += [f"{proj}.p={self.p:g}" for proj in ("exc_exc", "exc_inh", "inh_exc", "inh_inh")]
        return sets


@dataclass(frozen=True)
class TrainingBench:
    """Unsupervised training throughput: the training phase of a document's protocol on `images` images."""
    name: str
    document: str
    images: int
    brian_images: int  # Brian2's runtime is slower: fewer images, compared per image
    neurons: int = 0  # rates are not meaningful here
    duration: float = 0.0
    # None: the document's protocol (retries at raised intensity, Brian2 runtime only). 0: every digit
    # shown once, which Brian2's C++ standalone can run as one run() (bench/brian2/diehl_cook.py).
    max_repeats: Optional[int] = None

    def prepare(self, work):
        """The document SpikeStudio runs: a copy of the bundled one in the work folder, with the protocol's
        max_repeats set where given. A protocol run saves its training state beside the document it ran,
        so running the bundled one would replace a state the user trained with the benchmark's."""
        with open(self.document) as f:
            doc = json.load(f)
        if self.max_repeats is not None:
            doc["experiment"]["protocol"]["max_repeats"] = self.max_repeats
        return write_document(doc, os.path.join(work, f"{self.name}.json"))


@dataclass(frozen=True)
class ConvBench:
    """STDP learning throughput of the first convolutional layer of Kheradpisheh et al. (2018) on MNIST
    digits: the slice digits -> dog -> conv1_syn (stdp1) -> conv1 (conv1_inh) of the bundled document,
    against the numpy reference bench/conv_stdp_numpy.py on the same samples."""
    name: str
    images: int
    document: str = "resources/experiments/kheradpisheh_mnist.json"
    keep = ("digits", "test_digits", "dog", "conv1_syn", "stdp1", "conv1", "conv1_inh")
    neurons: int = 0
    duration: float = 0.0

    def prepare(self, work):
        with open(self.document) as f:
            doc = json.load(f)
        doc["nodes"] = [n for n in doc["nodes"] if n["id"] in self.keep]
        doc["wires"] = [w for w in doc["wires"]
                        if w["from"].split(".")[0] in self.keep and w["to"].split(".")[0] in self.keep]
        for n in doc["nodes"]:
            if n["id"] == "stdp1":
                n["params"]["learn_until"] = 0  # learn in every sample
        protocol = doc["experiment"]["protocol"]
        protocol["readout_layer"] = "conv1"
        doc["name"] = "Kheradpisheh et al. 2018, conv1 alone (benchmark)"
        return write_document(doc, os.path.join(work, f"{self.name}.json"))


@dataclass(frozen=True)
class SurrogateBench:
    """Surrogate-gradient training of the 784-100-10 SNN of Zenke's SpyTorch tutorial (100 steps of 1 ms,
    latency-coded MNIST digits, batches of 64, Adam): samples per second forward and backward, and forward
    only, SpikeStudio's trainer (bench_surrogate) against the tutorial's PyTorch code
    (bench/surrogate_torch.py, float32 as the tutorial, one thread) on the same digits."""
    name: str
    samples: int
    neurons: int = 0
    duration: float = 0.0


def write_document(doc, path):
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)
    return path


def balanced_suite():
    return [
        BalancedBench("cuba_4k_1s", "cuba", 4000, 0.02, 1.0),
        BalancedBench("cuba_4k_10s", "cuba", 4000, 0.02, 10.0),
        # Ten times the neurons at the same out-degree (80 synapses per neuron): 3.2 million synapses.
        BalancedBench("cuba_40k_1s", "cuba", 40000, 0.002, 1.0),
        BalancedBench("cuba_40k_10s", "cuba", 40000, 0.002, 10.0),
        # Five times denser: 400 synapses per neuron, 1.6 million in all.
        BalancedBench("cuba_4k_p0.1_1s", "cuba", 4000, 0.1, 1.0),
        BalancedBench("coba_4k_1s", "coba", 4000, 0.02, 1.0),
        BalancedBench("coba_4k_10s", "coba", 4000, 0.02, 10.0),
        # COBA at the large size too: five times CUBA's work per neuron-step, at four times its rate.
        BalancedBench("coba_40k_1s", "coba", 40000, 0.002, 1.0),
    ]


def training_suite(images, brian_images):
    return [
        TrainingBench("diehl_cook_100_train", "resources/experiments/diehl_cook_100.json", images, brian_images),
        TrainingBench("diehl_cook_400_train", "resources/experiments/diehl_cook_400.json", images, brian_images),
        # Without retries on both sides: against Brian2 standalone (on the same `images` digits) and cython.
        TrainingBench("diehl_cook_100_once", "resources/experiments/diehl_cook_100.json", images, brian_images,
                      max_repeats=0),
        TrainingBench("diehl_cook_400_once", "resources/experiments/diehl_cook_400.json", images, brian_images,
                      max_repeats=0),
    ]


def conv_suite(images):
    return [ConvBench("kheradpisheh_conv1", images)]


def surrogate_suite(samples):
    return [SurrogateBench("surrogate_784_100_10", samples)]
