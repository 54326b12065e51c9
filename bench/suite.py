"""The benchmarks scripts/bench runs (see bench/harness.py)."""
from dataclasses import dataclass


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
    ]


def training_suite(images, brian_images):
    return [
        TrainingBench("diehl_cook_100_train", "resources/experiments/diehl_cook_100.json", images, brian_images),
        TrainingBench("diehl_cook_400_train", "resources/experiments/diehl_cook_400.json", images, brian_images),
    ]
