"""How bench/harness.py runs each engine: SpikeStudio's command line, Brian2 through
bench/brian2/balanced.py and diehl_cook.py (runtime targets) or the C++ standalone programs those
scripts compile, and the numpy reference of the convolutional STDP benchmark (bench/conv_stdp_numpy.py).
Every run is a child process whose peak resident set size comes from getrusage (wait4)."""
import json
import os
import re
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
BRIAN2_TARGETS = ("cython", "numpy", "standalone")


class BenchError(RuntimeError):
    pass


def start_child(cmd, cwd=None, env=None):
    """Starts cmd with its output in temporary files; finish_child() waits for it. Earlier runs' files are
    written back to disk first: the kernel doing so on one of the cores during this run would slow it."""
    os.sync()
    out, err = tempfile.TemporaryFile(), tempfile.TemporaryFile()
    return subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err), out, err


def finish_child(child):
    """Waits for a child of start_child(); returns (stdout, peak RSS in MB). Raises BenchError with the tail
    of stderr on failure."""
    proc, out, err = child
    with out, err:
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)  # already reaped: keep Popen from waiting again
        if proc.returncode != 0:
            err.seek(0)
            tail = err.read().decode(errors="replace")[-2000:]
            raise BenchError(f"{' '.join(proc.args)} failed ({proc.returncode}):\n{tail}")
        out.seek(0)
        return out.read().decode(errors="replace"), usage.ru_maxrss / 1024.0  # ru_maxrss is in KiB on Linux


def run_child(cmd, cwd=None, env=None):
    """Runs cmd; returns (stdout, peak RSS in MB)."""
    return finish_child(start_child(cmd, cwd, env))


def run_children(cmds, env=None):
    """Starts every command at once and waits for all; returns [(stdout, peak RSS in MB)] in order."""
    children = [start_child(cmd, env=env) for cmd in cmds]
    return [finish_child(child) for child in children]


def grab(pattern, text, what):
    m = re.search(pattern, text, re.MULTILINE)
    if not m:
        raise BenchError(f"no {what} in the output:\n{text[-2000:]}")
    return m


class SpikeStudio:
    def __init__(self, app):
        self.app = app
        self.env = dict(os.environ)
        self.env.setdefault("SPIKESTUDIO_DATA", os.path.join(os.path.dirname(HERE), "data"))

    def network_command(self, bench, seed, threads=1):
        cmd = [self.app, "run", bench.document, "--duration", f"{bench.duration:g}s", "--seed", str(seed),
               "--threads", str(threads)]
        for s in bench.settings():
            cmd += ["--set", s]
        return cmd

    def run_network(self, bench, seed, threads=1, busy=False):
        """One run; with busy, while another program (a loop that never sleeps) keeps one core busy."""
        hog = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if busy else None
        try:
            if hog:
                time.sleep(0.2)  # until the loop runs
            out, rss = run_child(self.network_command(bench, seed, threads), env=self.env)
        finally:
            if hog:
                hog.kill()
                hog.wait()
        return self.network_result(out, rss)

    def run_pair(self, bench, seed):
        """Two one-thread runs of the network started together, in two processes: two loops that never wait
        for each other, on two cores and the memory they share. The work of both takes the longer loop."""
        cmd = self.network_command(bench, seed)
        results = [self.network_result(out, rss) for out, rss in run_children([cmd, cmd], env=self.env)]
        return {**results[0], "loop_s": max(r["loop_s"] for r in results),
                "rss_mb": max(r["rss_mb"] for r in results)}

    def network_result(self, out, rss):
        built = grab(r"^built in ([0-9.]+) s; synapses (\d+) bytes", out, "construction time")
        return {
            "loop_s": float(grab(r"^simulated .* in ([0-9.]+) s wall time", out, "loop time").group(1)),
            "build_s": float(built.group(1)),
            "synapse_bytes": int(built.group(2)),
            "synapses": int(grab(r"projections, (\d+) synapses", out, "synapse count").group(1)),
            "spikes": int(grab(r"; (\d+) spikes", out, "spike count").group(1)),
            "rss_mb": rss,
            "alone_steps": int(alone.group(1)) if (alone := re.search(r"^(\d+) of \d+ steps ran on one thread", out,
                                                                       re.MULTILINE)) else 0,
        }

    def run_training(self, bench, seed, document=None):
        """The training phase of a protocol document (bench.document unless another is given). The
        training loop time is the protocol's wall time; spikes are the readout layer's in the presentations."""
        # One label and one test sample: the protocol needs them, the benchmark times the training phase.
        cmd = [self.app, "run", document or bench.document, "--seed", str(seed), "--train", str(bench.images),
               "--epochs", "1", "--label", "1", "--test", "1"]
        out, rss = run_child(cmd, env=self.env)
        m = grab(r"^trained on (\d+) samples \((\d+) presentations\) in ([0-9.]+) s", out, "training time")
        built = grab(r"^built in ([0-9.]+) s", out, "construction time")
        spikes = re.search(r"^training spikes: (\d+)", out, re.MULTILINE)
        return {"loop_s": float(m.group(3)), "images": int(m.group(1)), "presentations": int(m.group(2)),
                "build_s": float(built.group(1)), "spikes": int(spikes.group(1)) if spikes else None, "rss_mb": rss}


class NumpyConv:
    """bench/conv_stdp_numpy.py, the numpy reference of the conv1 STDP benchmark, on one BLAS thread
    (SpikeStudio runs on one thread; on a shared machine more BLAS threads were slower here)."""

    def __init__(self, python=os.environ.get("SPIKESTUDIO_PYTHON", "/usr/bin/python3")):
        self.python = python
        self.script = os.path.join(HERE, "conv_stdp_numpy.py")
        self.env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
        self.env.setdefault("SPIKESTUDIO_DATA", os.path.join(os.path.dirname(HERE), "data"))

    def available(self):
        return subprocess.run([self.python, "-c", "import numpy"], capture_output=True).returncode == 0

    def run_training(self, bench, document, seed):
        out, rss = run_child([self.python, self.script, "--document", document, "--images", str(bench.images),
                              "--seed", str(seed), "--data", self.env["SPIKESTUDIO_DATA"]], env=self.env)
        r = json.loads(out.strip().splitlines()[-1])
        return {**r, "rss_mb": rss}


class SurrogateEngines:
    """The surrogate-gradient benchmark's two sides: build/bench/bench_surrogate (found beside the app's
    build folder) and bench/surrogate_torch.py on one thread, both on data/mnist's first training digits."""

    def __init__(self, app, python=os.environ.get("SPIKESTUDIO_PYTHON", "/usr/bin/python3")):
        self.python = python
        self.script = os.path.join(HERE, "surrogate_torch.py")
        self.program = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(app))), "bench", "bench_surrogate")
        self.env = dict(os.environ, OPENBLAS_NUM_THREADS="1", OMP_NUM_THREADS="1", MKL_NUM_THREADS="1")
        self.env.setdefault("SPIKESTUDIO_DATA", os.path.join(os.path.dirname(HERE), "data"))

    def missing(self):
        """Why the benchmark cannot run here, or None."""
        if not os.access(self.program, os.X_OK):
            return f"no {self.program} (built with -DSPIKESTUDIO_BENCH=ON)"
        if subprocess.run([self.python, "-c", "import torch"], capture_output=True).returncode != 0:
            return f"PyTorch is not importable by {self.python} (Debian's python3-torch)"
        return None

    def run_spikestudio(self, bench):
        out, rss = run_child([self.program, str(bench.samples), "1", "--json"], env=self.env)
        rows = {r["target"]: r for r in map(json.loads, filter(str.strip, out.splitlines()))}
        return {"train": rows["train"]["samples_per_s"], "forward": rows["forward"]["samples_per_s"],
                "samples": rows["train"]["samples"], "rss_mb": rss}

    def run_torch(self, bench):
        out, rss = run_child([self.python, self.script, "--bench", os.path.join(self.env["SPIKESTUDIO_DATA"], "mnist"),
                              "--samples", str(bench.samples), "--repeats", "1"], env=self.env)
        r = json.loads(out.strip().splitlines()[-1])
        return {"train": r["train_samples_per_s"], "forward": r["forward_samples_per_s"], "samples": r["samples"],
                "rss_mb": rss}


def blas_library(python=os.environ.get("SPIKESTUDIO_PYTHON", "/usr/bin/python3")):
    """The BLAS library numpy loads (its matrix products' speed depends on it), or None."""
    probe = ("import os, numpy\n"
             "print(next((l.split()[-1] for l in open('/proc/self/maps')\n"
             "            if os.path.basename(l.split()[-1]).startswith(('libblas', 'libopenblas'))), ''))")
    r = subprocess.run([python, "-c", probe], capture_output=True, text=True)
    return os.path.realpath(r.stdout.strip()) if r.returncode == 0 and r.stdout.strip() else None


class Brian2:
    def __init__(self, work, python=os.environ.get("SPIKESTUDIO_PYTHON", "/usr/bin/python3")):
        self.work = os.path.abspath(work)
        self.python = python
        self.script = os.path.join(HERE, "brian2", "balanced.py")
        self.training_script = os.path.join(HERE, "brian2", "diehl_cook.py")

    def available(self):
        return subprocess.run([self.python, "-c", "import brian2"], capture_output=True).returncode == 0

    def _args(self, bench):
        return [self.python, self.script, "--model", bench.model, "--neurons", str(bench.neurons),
                "--p", f"{bench.p:g}", "--duration", f"{bench.duration:g}"]

    def run_runtime(self, bench, target, seed):
        out, rss = run_child(self._args(bench) + ["--target", target, "--seed", str(seed)])
        r = json.loads(out.strip().splitlines()[-1])
        return {"loop_s": r["loop_s"], "build_s": r["build_s"], "spikes": r["spikes_exc"] + r["spikes_inh"],
                "rss_mb": rss}

    def run_training(self, bench, images, seed):
        cmd = [self.python, self.training_script, "--document", bench.document, "--images", str(images),
               "--seed", str(seed)]
        if bench.max_repeats is not None:
            cmd += ["--max-repeats", str(bench.max_repeats)]
        if bench.max_repeats == 0:  # no retries: one run() as standalone, no Python between digits
            cmd += ["--single-run"]
        out, rss = run_child(cmd)
        r = json.loads(out.strip().splitlines()[-1])
        return {"loop_s": r["loop_s"], "build_s": r["build_s"], "images": r["images"],
                "presentations": r["presentations"], "spikes": r["spikes"], "rss_mb": rss}

    def build_training_standalone(self, bench):
        """The Diehl & Cook protocol without retries on bench.images digits, as one C++ standalone run."""
        directory = os.path.join(self.work, f"standalone_{bench.name}")
        out, _ = run_child([self.python, self.training_script, "--document", bench.document, "--images",
                            str(bench.images), "--target", "standalone", "--dir", directory])
        result = json.loads(out.strip().splitlines()[-1])
        result["dir"] = directory
        return result

    def build_standalone(self, bench, threads=1):
        """Generates and compiles the C++ standalone program; threads > 1: Brian2's OpenMP code."""
        directory = os.path.join(self.work, f"standalone_{bench.name}" + (f"_{threads}t" if threads > 1 else ""))
        out, _ = run_child(self._args(bench) + ["--target", "standalone", "--dir", directory,
                                                "--threads", str(threads)])
        result = json.loads(out.strip().splitlines()[-1])
        result["dir"] = directory
        return result

    def run_standalone(self, bench, compiled):
        """Runs the compiled program: Brian2 writes the time of the network's run loop to
        results/last_run_info.txt; the rest of the process (construction, and writing the results at the end)
        is reported as build time. Without a
        seed() in the script, each run draws a new random seed."""
        import numpy as np  # Debian's python3-numpy comes with python3-brian
        directory = compiled["dir"]
        start = time.perf_counter()
        _, rss = run_child([os.path.join(directory, "main")], cwd=directory)
        wall = time.perf_counter() - start
        with open(os.path.join(directory, "results", "last_run_info.txt")) as f:
            loop = float(f.read().split()[0])
        with open(os.path.join(directory, "manifest.json")) as f:
            manifest = json.load(f)
        counts = np.fromfile(os.path.join(directory, manifest["count_file"]), dtype=manifest["count_dtype"])
        result = {"loop_s": loop, "build_s": wall - loop, "spikes": int(counts.sum()), "rss_mb": rss}
        if "images" in manifest:  # a training run
            result.update(images=manifest["images"], presentations=manifest["presentations"])
        return result
