#!/usr/bin/env python3
"""Runs SpikeStudio and Brian2 on identical networks and compares the wall time of their simulation
loops (network construction and compilation timed apart). Called by scripts/bench, which installs
Brian2 and builds SpikeStudio first; see there for the options.

Each repeat runs every engine once, the engines alternating in order (A B C, C B A, ...) so that load
from other processes on the machine falls on all of them alike; the table gives medians over repeats.
Peak memory is the maximum resident set size of the process that ran the network (getrusage of the
child). One JSON object per benchmark and engine goes to the --out file.
"""
import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from engines import BRIAN2_TARGETS, Brian2, NumpyConv, SpikeStudio, SurrogateEngines, blas_library  # noqa: E402
from suite import balanced_suite, conv_suite, surrogate_suite, training_suite  # noqa: E402


BRIAN2_TEAM = "standalone 2 threads"  # the target name of Brian2's standalone program on two OpenMP threads


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def summarise(bench, engine, target, runs, extra):
    spikes = median([r["spikes"] for r in runs])
    return {
        "name": bench.name, "engine": engine, "target": target, "repeats": len(runs),
        "loop_s": median([r["loop_s"] for r in runs]),
        "loop_s_all": [round(r["loop_s"], 4) for r in runs],
        "spikes_all": [r["spikes"] for r in runs],
        "build_s": median([r.get("build_s") for r in runs]),
        "spikes": spikes,
        "rate_hz": spikes / bench.neurons / bench.duration if spikes is not None and bench.neurons else None,
        "peak_rss_mb": max(r["rss_mb"] for r in runs),
        **extra,
    }


def run_balanced(bench, ss, brian, targets, repeats, log, thread_pairs=1):
    """One benchmark on every engine; returns the summary objects."""
    # Two threads on the large networks (the target there: 1.7 times one thread, the same spikes), in
    # `thread_pairs` runs of one thread then two per repeat: SpikeStudio's runs take a fraction of
    # Brian2's, and the ratio of two loops on this machine needs more of them than a table of times. On the
    # long ones also two one-thread runs at once: what two cores of this machine allow two loops that never
    # wait (long, so that the two processes' different construction times shift their loops little).
    # Brian2's standalone program also runs on two OpenMP threads there: what a second thread gives the
    # reference on this machine.
    # On the short ones, one thread and two also run while another program keeps one core busy: where
    # a team's member loses its core, member 0 steps alone (sim/TeamPace) rather than waiting for it.
    teams = bench.neurons >= 40000
    pair = ["spikestudio-pair"] if teams and bench.duration >= 10 else []
    busy = ["spikestudio-busy", "spikestudio-busy-2t"] if teams and bench.duration < 10 else []
    ours = ["spikestudio", "spikestudio-2t"] * max(1, thread_pairs) if teams else ["spikestudio"]
    engines = ours + pair + busy + [t for t in targets if t in BRIAN2_TARGETS]
    if teams and "standalone" in engines:
        engines.append("standalone-2t")
    compiled = {}
    if "standalone" in engines:
        log(f"{bench.name}: generating and compiling Brian2 C++ standalone")
        compiled = {"standalone": brian.build_standalone(bench)}
    if "standalone-2t" in engines:
        log(f"{bench.name}: generating and compiling Brian2 C++ standalone with OpenMP, 2 threads")
        compiled["standalone-2t"] = brian.build_standalone(bench, threads=2)
    runs = {e: [] for e in engines}
    for r in range(repeats):
        order = engines if r % 2 == 0 else engines[::-1]
        for engine in order:
            if engine == "spikestudio":
                result = ss.run_network(bench, seed=r + 1)
            elif engine == "spikestudio-2t":
                result = ss.run_network(bench, seed=r + 1, threads=2)
            elif engine == "spikestudio-pair":
                result = ss.run_pair(bench, seed=r + 1)
            elif engine.startswith("spikestudio-busy"):
                result = ss.run_network(bench, seed=r + 1, threads=2 if engine.endswith("2t") else 1, busy=True)
            elif engine in compiled:
                result = brian.run_standalone(bench, compiled[engine])
            else:
                result = brian.run_runtime(bench, engine, seed=r + 1)
            runs[engine].append(result)
            log(f"{bench.name} repeat {r + 1}/{repeats} {engine}: loop {result['loop_s']:.3f} s, "
                f"{result['spikes']} spikes")
    last = runs["spikestudio"][-1]
    out = [summarise(bench, "spikestudio", "native", runs["spikestudio"],
                     {"synapses": last["synapses"], "synapse_bytes": last["synapse_bytes"],
                      "bytes_per_synapse": last["synapse_bytes"] / last["synapses"]})]
    for engine in list(runs)[1:]:  # each engine once, in the order of its first run
        if engine == "spikestudio-2t":
            out.append(summarise(bench, "spikestudio", "2 threads", runs[engine], {}))
            continue
        if engine == "spikestudio-pair":
            out.append(summarise(bench, "spikestudio", "2 runs at once", runs[engine], {}))
            continue
        if engine.startswith("spikestudio-busy"):
            target = "2 threads, a core busy" if engine.endswith("2t") else "1 thread, a core busy"
            alone = [r["alone_steps"] for r in runs[engine]]
            out.append(summarise(bench, "spikestudio", target, runs[engine], {"alone_steps_all": alone}))
            continue
        extra = {"compile_s": compiled[engine].get("compile_s"), "codegen_s": compiled[engine].get("codegen_s")} \
            if engine in compiled else {}
        target = BRIAN2_TEAM if engine == "standalone-2t" else engine
        out.append(summarise(bench, "brian2", target, runs[engine], extra))
    return out


def run_training(bench, ss, brian, targets, repeats, log, work, reference=None):
    """Training throughput, alternating the engines, compared per image. Diehl & Cook: SpikeStudio on
    bench.images images, Brian2 cython on bench.brian_images and, for the protocol without retries,
    Brian2 C++ standalone on the same bench.images images. Convolutional STDP: SpikeStudio and the
    numpy reference (`reference`) on the same bench.images samples."""
    document = bench.prepare(work)
    if reference is not None:
        engines = ["spikestudio", "numpy"]
    else:
        engines = ["spikestudio"] + (["cython"] if "cython" in targets else [])
        if bench.max_repeats == 0 and "standalone" in targets:
            engines.append("standalone")
    compiled = {}
    if "standalone" in engines:
        log(f"{bench.name}: generating and compiling Brian2 C++ standalone ({bench.images} images)")
        compiled = brian.build_training_standalone(bench)
    runs = {e: [] for e in engines}
    for r in range(repeats):
        for engine in (engines if r % 2 == 0 else engines[::-1]):
            if engine == "spikestudio":
                result = ss.run_training(bench, seed=r + 1, document=document)
            elif engine == "numpy":
                result = reference.run_training(bench, document, seed=r + 1)
            elif engine == "standalone":
                result = brian.run_standalone(bench, compiled)
            else:
                result = brian.run_training(bench, bench.brian_images, seed=r + 1)
            runs[engine].append(result)
            log(f"{bench.name} repeat {r + 1}/{repeats} {engine}: {result['images']} images "
                f"({result['presentations']} presentations, {result['spikes']} spikes) in {result['loop_s']:.2f} s")
    rows = []
    for engine in engines:
        if engine == "spikestudio":
            who, target = "spikestudio", "native"
        else:
            who, target = ("numpy", "reference") if engine == "numpy" else ("brian2", engine)
        extra = {"images": runs[engine][-1]["images"], "presentations": runs[engine][-1]["presentations"]}
        if engine == "standalone":
            extra.update(compile_s=compiled.get("compile_s"), codegen_s=compiled.get("codegen_s"))
        row = summarise(bench, who, target, runs[engine], extra)
        row["per_image_s"] = row["loop_s"] / row["images"]
        row["images_per_s"] = 1.0 / row["per_image_s"]
        if row["spikes"] is not None:
            row["spikes_per_image"] = row["spikes"] / row["images"]
        rows.append(row)
    if reference is None:
        # The retry protocol needs Python between presentations: no standalone version of it.
        for target in [t for t in ("cython", "standalone") if t not in engines]:
            rows.append({"name": bench.name, "engine": "brian2", "target": target, "loop_s": None,
                         "note": "not measured"})
    return rows


def run_surrogate(bench, trainers, repeats, log):
    """Samples per second forward and backward, and forward only, alternating SpikeStudio and PyTorch.
    Rows named <name>_train and <name>_forward, compared per sample like the training rows."""
    runs = {"spikestudio": [], "torch": []}
    for r in range(repeats):
        for engine in (("spikestudio", "torch") if r % 2 == 0 else ("torch", "spikestudio")):
            result = trainers.run_spikestudio(bench) if engine == "spikestudio" else trainers.run_torch(bench)
            runs[engine].append(result)
            log(f"{bench.name} repeat {r + 1}/{repeats} {engine}: {result['train']:.0f} samples/s forward and "
                f"backward, {result['forward']:.0f} forward")
    rows = []
    for phase in ("train", "forward"):
        for results, engine, target in ((runs["spikestudio"], "spikestudio", "native"),
                                        (runs["torch"], "pytorch", "float32")):
            samples = results[-1]["samples"]
            times = [samples / x[phase] for x in results]
            rows.append({"name": f"{bench.name}_{phase}", "engine": engine, "target": target,
                         "repeats": len(results), "loop_s": median(times), "loop_s_all": [round(t, 4) for t in times],
                         "build_s": None, "spikes": None, "rate_hz": None,
                         "peak_rss_mb": max(x["rss_mb"] for x in results), "images": samples, "presentations": samples,
                         "per_image_s": median(times) / samples, "images_per_s": samples / median(times)})
    return rows


# ---------------------------------------------------------------- table


def fmt(value, spec, missing="-"):
    return missing if value is None else format(value, spec)


def print_table(rows, out=sys.stdout):
    width = max([20] + [len(r["name"]) for r in rows])
    header = (f"{'benchmark':<{width}} {'engine':<28} {'loop (s)':>9} {'build (s)':>9} {'compile':>8} "
              f"{'spikes':>11} {'rate (Hz)':>9} {'RSS (MB)':>8} {'SS / this':>9}")
    print(header, file=out)
    print("-" * len(header), file=out)
    def unit_time(r):  # a training row is compared per image
        return r.get("per_image_s", r["loop_s"])

    def native(r):
        return r["engine"] == "spikestudio" and r["target"] == "native"

    reference = {r["name"]: unit_time(r) for r in rows if native(r)}
    # Brian2 on two threads is compared with SpikeStudio on two.
    teams = {r["name"]: r["loop_s"] for r in rows if r["engine"] == "spikestudio" and r["target"] == "2 threads"}
    for r in rows:
        engine = ("spikestudio" if native(r) else f"spikestudio {r['target']}") if r["engine"] == "spikestudio" \
            else f"{r['engine']} {r['target']}"
        if r["loop_s"] is None:
            print(f"{r['name']:<{width}} {engine:<28} {r.get('note', 'not measured'):>9}", file=out)
            continue
        if r["target"] == BRIAN2_TEAM:
            ratio = teams[r["name"]] / r["loop_s"] if teams.get(r["name"]) else None
        else:
            ratio = reference[r["name"]] / unit_time(r) if not native(r) and r["name"] in reference else None
        spikes = fmt(r["spikes"], ".0f") if "images" not in r else f"{r['images_per_s']:.1f} img/s"
        rate = r["rate_hz"] if "images" not in r else r.get("spikes_per_image")  # training: spikes per image
        print(f"{r['name']:<{width}} {engine:<28} {r['loop_s']:>9.3f} {fmt(r['build_s'], '9.3f'):>9} "
              f"{fmt(r.get('compile_s'), '8.1f'):>8} {spikes:>11} {fmt(rate, '9.2f'):>9} "
              f"{r['peak_rss_mb']:>8.0f} {fmt(ratio, '9.2f'):>9}", file=out)
    print("loop: median wall time of the simulation loop (training phase for *_train, *_once; all samples for "
          "surrogate_*: forward and backward with Adam, or forward only); for those, "
          "images (samples) per second in the spikes column and spikes per image (readout layer) in the rate column; "
          "build: network "
          "construction (Brian2 runtime: with code generation); compile: Brian2 C++ standalone compilation; "
          "SS / this: SpikeStudio loop time over this engine's (below 1: SpikeStudio faster; against Brian2 on "
          "two threads, SpikeStudio's on two threads).", file=out)


def speedup(single, team):
    """The ratio of the median loop times of one thread and two, and the range of the ratios of the runs that
    ran next to each other (the k-th run of each)."""
    ratios = [a / b for a, b in zip(single["loop_s_all"], team["loop_s_all"])]
    return single["loop_s"] / team["loop_s"], min(ratios), max(ratios)


def print_threads(rows, out=sys.stdout):
    """Two threads against one, beside two one-thread runs at once (twice the work in the longer loop)."""
    ours = {(r["name"], r["target"]): r for r in rows if r["engine"] == "spikestudio"}
    loop = {key: r["loop_s"] for key, r in ours.items()}
    for (name, target), one in loop.items():
        if target != "native" or (name, "2 threads") not in loop:
            continue
        single, team = ours[(name, "native")], ours[(name, "2 threads")]
        # The k-th runs of both ran the same seed: whether the spikes agree.
        ratio, low, high = speedup(single, team)
        same = single.get("spikes_all") == team.get("spikes_all")
        line = (f"{name}: two threads {ratio:.2f}x one thread ({len(team['loop_s_all'])} pairs of runs, each "
                f"{low:.2f}-{high:.2f}x; spike counts {'the same in every pair' if same else 'DIFFER'})")
        if loop.get((name, "2 runs at once")):
            line += (f"; two one-thread runs at once {2 * one / loop[(name, '2 runs at once')]:.2f}x the work per "
                     "second of one (no waiting: the ceiling two cores here allow)")
        print(line, file=out)
        if (name, "2 threads, a core busy") in ours and (name, "1 thread, a core busy") in ours:
            busy_one, busy_team = ours[(name, "1 thread, a core busy")], ours[(name, "2 threads, a core busy")]
            ratio, low, high = speedup(busy_one, busy_team)
            alone = ", ".join(str(a) for a in busy_team.get("alone_steps_all", []))
            same = busy_one.get("spikes_all") == busy_team.get("spikes_all")
            print(f"{name}: with another program keeping a core busy, two threads {ratio:.2f}x one thread "
                  f"(per repeat {low:.2f}-{high:.2f}x; steps member 0 ran alone: {alone}; spike counts "
                  f"{'the same' if same else 'DIFFER'})", file=out)
    brian = {(r["name"], r["target"]): r for r in rows if r["engine"] == "brian2" and r["loop_s"] is not None}
    for (name, target), team in brian.items():
        if target == BRIAN2_TEAM and (name, "standalone") in brian:
            ratio, low, high = speedup(brian[(name, "standalone")], team)
            print(f"{name}: Brian2 standalone on two OpenMP threads {ratio:.2f}x its one thread (per repeat "
                  f"{low:.2f}-{high:.2f}x)", file=out)


def print_memory(rows, out=sys.stdout):
    for r in rows:
        if r["engine"] == "spikestudio" and r["target"] == "native" and r.get("synapses"):
            print(f"{r['name']}: {r['synapses']} synapses, {r['synapse_bytes']} bytes of synapses "
                  f"({r['synapse_bytes'] / r['synapses']:.2f} bytes per synapse, row offsets included; "
                  f"peak RSS {r['peak_rss_mb']:.0f} MB)", file=out)


def print_comparison(rows, old_path, out=sys.stdout):
    with open(old_path) as f:
        old = {(o["name"], o["engine"], o["target"]): o for o in map(json.loads, filter(str.strip, f))}
    print(f"\nchange versus {old_path} (loop time; negative is faster now)", file=out)
    for r in rows:
        before = old.get((r["name"], r["engine"], r["target"]))
        if not before or before.get("loop_s") is None or r["loop_s"] is None:
            continue
        change = 100.0 * (r["loop_s"] - before["loop_s"]) / before["loop_s"]
        print(f"  {r['name']:<20} {r['engine'] + ' ' + r['target']:<22} {before['loop_s']:>9.3f} -> "
              f"{r['loop_s']:>9.3f} s  {change:+6.1f} %", file=out)


def check_rates(rows, tolerance, out=sys.stdout):
    """Identical networks must fire at the same mean rate (up to the seed): returns the benchmarks whose
    SpikeStudio rate differs from a Brian2 rate by more than `tolerance` (relative). Training benchmarks
    compare the spikes per image (readout layer) with Brian2's and with the numpy reference's."""
    def measure(r):
        return ("rate", r["rate_hz"], "Hz") if r.get("rate_hz") else \
            ("spikes per image", r.get("spikes_per_image"), "")

    reference = {r["name"]: measure(r) for r in rows
                 if r["engine"] == "spikestudio" and r["target"] == "native" and r.get("loop_s") is not None}
    failed = []
    for r in rows:
        if r["engine"] == "spikestudio" or r.get("loop_s") is None or r["name"] not in reference:
            continue
        what, ours, unit = reference[r["name"]]
        theirs = measure(r)[1]
        if not ours or not theirs:
            continue
        difference = abs(ours - theirs) / theirs
        ok = difference <= tolerance
        limit = f", tolerance {100 * tolerance:.0f} %" if tolerance != float("inf") else ""
        who = "Brian2" if r["engine"] == "brian2" else r["engine"]
        print(f"{r['name']}: {what} {ours:.2f}{' ' + unit if unit else ''}, {who} {r['target']} {theirs:.2f}"
              f"{' ' + unit if unit else ''} ({100 * difference:.1f} % apart{limit}){'' if ok else ': MISMATCH'}",
              file=out)
        if not ok:
            failed.append(r["name"])
    return failed


def steadiness(app, seconds=10):
    """The share of quarter seconds in which some CPU ran a fixed loop at least 1.15x slower than in its
    fast windows (bench/steadiness_bench.cpp, built beside the app), in per cent; None without it."""
    probe = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(app))), "bench", "bench_steadiness")
    if not os.access(probe, os.X_OK):
        return None
    out = subprocess.run([probe, str(seconds)], capture_output=True, text=True, check=True).stdout
    m = re.search(r"^windows in which some CPU was at least 1.15x slow: \d+ of \d+ \(([0-9.]+) %\)", out, re.MULTILINE)
    return float(m.group(1)) if m else None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--app", required=True, help="the spikestudio executable")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--thread-pairs", type=int, default=3,
                        help="runs of SpikeStudio on one thread, then two, per repeat on the 40,000-neuron networks")
    parser.add_argument("--quick", action="store_true",
                        help="CUBA 4,000 x 1 s once, Brian2 cython only, and conv1 STDP on 30 samples once")
    parser.add_argument("--only", help="run the benchmarks whose name contains this text")
    parser.add_argument("--targets", default="cython,standalone",
                        help="Brian2 targets among cython, numpy, standalone (comma separated; empty: none)")
    parser.add_argument("--images", type=int, default=1000, help="training images for the Diehl & Cook benchmarks")
    parser.add_argument("--brian-images", type=int, default=50,
                        help="training images for Brian2's Diehl & Cook runs (about a second each)")
    parser.add_argument("--conv-images", type=int, default=300,
                        help="MNIST samples for the convolutional STDP benchmark (both engines)")
    parser.add_argument("--surrogate-samples", type=int, default=2000,
                        help="MNIST samples for the surrogate-gradient benchmark (both engines)")
    parser.add_argument("--out", default="bench/results/latest.jsonl")
    parser.add_argument("--compare", help="an earlier JSON lines file to compare with")
    parser.add_argument("--check-rates", type=float, metavar="TOL",
                        help="exit with 1 when a mean rate differs from Brian2's by more than TOL (relative)")
    parser.add_argument("--work", default="bench/results/work", help="folder for Brian2's generated code")
    args = parser.parse_args()

    targets = [t for t in args.targets.split(",") if t]
    repeats = args.repeats
    balanced, training = balanced_suite(), training_suite(args.images, args.brian_images)
    conv = conv_suite(args.conv_images)
    surrogate = surrogate_suite(args.surrogate_samples)
    if args.quick:
        balanced, training, targets, repeats = [b for b in balanced if b.name == "cuba_4k_1s"], [], ["cython"], 1
        conv, surrogate = conv_suite(30), surrogate_suite(256)
    if args.only:
        balanced = [b for b in balanced if args.only in b.name]
        training = [b for b in training if args.only in b.name]
        conv = [b for b in conv if args.only in b.name]
        surrogate = [b for b in surrogate if args.only in b.name]

    def log(message):
        print(f"[bench] {message}", file=sys.stderr, flush=True)

    # Run a copy: the build folder's executable may be rebuilt while a long run goes on.
    os.makedirs(args.work, exist_ok=True)
    app = shutil.copy2(args.app, os.path.join(args.work, "spikestudio"))
    ss = SpikeStudio(app)
    brian = Brian2(args.work)
    if targets and not brian.available():
        log("Brian2 is not importable by " + brian.python + ": measuring SpikeStudio only")
        targets = []
    blas = blas_library(brian.python)
    log(f"numpy's BLAS: {blas or 'not found'}")
    load = os.getloadavg()
    log(f"load average at start {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    # How steady the CPUs are (a team of threads waits for the slowest): before and after the runs.
    steady_start = None if args.quick else steadiness(args.app)
    if steady_start is not None:
        log(f"some CPU at least 1.15x slow in {steady_start:.1f} % of quarter seconds (bench_steadiness, 10 s)")
    started = time.time()
    rows = []
    for bench in balanced:
        rows += run_balanced(bench, ss, brian, targets, repeats, log, args.thread_pairs)
    for bench in training:
        rows += run_training(bench, ss, brian, targets, repeats, log, args.work)
    reference = NumpyConv(brian.python)
    if conv and not reference.available():
        log("numpy is not importable by " + reference.python + ": no reference for the convolutional benchmark")
        conv = []
    for bench in conv:
        rows += run_training(bench, ss, brian, targets, repeats, log, args.work, reference)

    trainers = SurrogateEngines(args.app, brian.python)
    missing = trainers.missing() if surrogate else None
    if missing:
        log(f"no surrogate-gradient benchmark: {missing}")
        surrogate = []
    for bench in surrogate:
        rows += run_surrogate(bench, trainers, repeats, log)

    steady_end = None if args.quick else steadiness(args.app)
    stamp = {"date": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(started)), "host": platform.node(),
             "load_start": round(load[0], 2), "load_end": round(os.getloadavg()[0], 2), "blas": blas,
             "slow_cpu_pct_start": steady_start, "slow_cpu_pct_end": steady_end}
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w") as f:
        for r in rows:
            f.write(json.dumps({**r, **stamp}) + "\n")
    print()
    print_table(rows)
    print()
    print_threads(rows)
    print_memory(rows)
    print(f"load average {stamp['load_start']} at start, {stamp['load_end']} at end ({os.cpu_count()} cores); "
          f"numpy's and PyTorch's BLAS {blas}; results in {args.out}")
    if steady_start is not None and steady_end is not None:
        print(f"CPU steadiness (build/bench/bench_steadiness, 10 s): some CPU ran a fixed loop at least 1.15x slower "
              f"than its fast windows in {steady_start:.1f} % of quarter seconds at the start, {steady_end:.1f} % at the end")
    if args.compare:
        print_comparison(rows, args.compare)
    print()
    tolerance = args.check_rates if args.check_rates is not None else float("inf")
    if check_rates(rows, tolerance):
        sys.exit(1)


if __name__ == "__main__":
    main()
