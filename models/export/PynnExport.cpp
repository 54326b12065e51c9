#include "models/export/PynnExport.h"

#include "models/export/ScriptText.h"

#include <sstream>

namespace ss::models::exporting {

namespace {

const std::string kTarget = "PyNN";

const std::set<std::string> kReserved = {
    "np", "os", "sys", "argparse", "importlib", "sim", "args", "parser", "data", "HERE", "DT", "DURATION", "rng",
    "NumpyRNG", "RandomDistribution", "synapse_list", "populations", "name", "population", "count", "save_spikes",
    "save_state", "save_weights", "levels", "k", "times", "input", "RANK", "PROCESSES", "MPI"};

std::string var(const std::string& id) { return pyName(id, kReserved); }

bool isLif(const Node& n) { return n.type == "layer.lif" || n.type == "layer.lif_cond"; }

std::string synapseOf(const ExportNetwork& net, const Node& n)
{
    return n.type == "layer.lif_cond" ? "conductance" : net.params(n).text("synapse");
}

// Factor from a document weight of synapses onto `post` to PyNN's weight unit.
double weightScale(const ExportNetwork& net, const Node& post)
{
    return synapseOf(net, post) == "delta" ? 1.0 : 1.0 / net.params(post).real("r_m");
}

void population(std::ostream& out, const ExportNetwork& net, const ExportPopulation& pop)
{
    const Node& n = *pop.node;
    const std::string name = var(n.id);
    const ParamReader p = net.params(n);
    if (n.type == "encoder.poisson") {
        out << "# " << n.id << ": Poisson spike source (" << n.type << "), " << pop.size << " neurons\n";
        out << name << " = sim.Population(" << pop.size << ", sim.SpikeSourcePoisson(rate=" << num(p.real("rate"))
            << "), label=" << pyString(n.id) << ")\n";
    } else {
        if (!isLif(n))
            refuse(n, "type", kTarget,
                   "this kind of layer or encoder is not translated to PyNN (translated: layer.lif, layer.lif_cond, "
                   "encoder.poisson without samples)");
        const std::string syn = synapseOf(net, n);
        const std::string cell = syn == "delta"         ? "IF_curr_delta"
                                 : syn == "exp_current" ? "IF_curr_exp"
                                                        : "IF_cond_exp";
        out << "# " << n.id << ": " << n.type << " (" << syn << " synapses), " << pop.size
            << " neurons; cm = tau_m/R_m\n";
        out << name << " = sim.Population(" << pop.size << ", sim." << cell
            << "(\n    cm=" << approx(p.real("tau_m") / p.real("r_m")) << ", tau_m=" << num(p.real("tau_m"))
            << ", v_rest=" << num(p.real("v_rest")) << ", v_reset=" << num(p.real("v_reset"))
            << ", v_thresh=" << num(p.real("v_th")) << ", tau_refrac=" << num(p.real("t_ref"));
        if (syn != "delta")
            out << ",\n    tau_syn_E=" << num(p.real("tau_syn_e")) << ", tau_syn_I=" << num(p.real("tau_syn_i"));
        if (syn == "conductance") out << ", e_rev_E=" << num(p.real("e_exc")) << ", e_rev_I=" << num(p.real("e_inh"));
        out << "), label=" << pyString(n.id) << ")\n";
        if (p.real("v_init_max") > p.real("v_init_min"))
            out << name << ".initialize(v=RandomDistribution('uniform', (" << num(p.real("v_init_min")) << ", "
                << num(p.real("v_init_max")) << "), rng=rng))\n";
        else
            out << name << ".initialize(v=" << num(p.real("v_init_min")) << ")\n";
    }
    out << name << ".record('spikes')\n\n";
}

void stimulus(std::ostream& out, const ExportNetwork& net, const ExportStimulus& s)
{
    const ParamReader p = net.params(*s.node);
    const std::string& type = s.node->type;
    out << "# " << s.node->id << ": " << type << "\n";
    for (const std::string& target : s.targets) {
        const std::string pop = var(target);
        if (!isLif(*net.population(target).node))
            refuse(*s.node, "current", kTarget, "its target '" + target + "' is a spike source without a membrane");
        if (type == "stimulus.step") {
            out << "sim.DCSource(amplitude=" << num(p.real("amplitude")) << ", start=" << num(p.real("start"))
                << ", stop=" << num(p.real("stop")) << ").inject_into(" << pop << ")\n";
        } else if (type == "stimulus.ramp") {
            out << "times = np.arange(" << num(p.real("start")) << ", " << num(p.real("stop")) << ", DT)\n"
                << "sim.StepCurrentSource(times=np.append(times, " << num(p.real("stop")) << "), amplitudes=np.append("
                << num(p.real("from")) << " + (" << approx(p.real("to") - p.real("from")) << ")*(times - "
                << num(p.real("start")) << ")/(" << approx(p.real("stop") - p.real("start")) << "), 0.0)).inject_into("
                << pop << ")\n";
        } else if (type == "stimulus.ladder") {
            const sim::Index size = net.population(target).size;
            out << "levels = np.linspace(" << num(p.real("from")) << ", " << num(p.real("to")) << ", " << size << ")\n"
                << "for k in range(" << size
                << "):\n    sim.DCSource(amplitude=levels[k], start=" << num(p.real("start"))
                << ", stop=" << num(p.real("stop")) << ").inject_into(" << pop << "[k:k + 1])\n";
        } else if (type == "stimulus.sine") {
            out << "sim.ACSource(start=0.0, stop=DURATION, amplitude=" << num(p.real("amplitude"))
                << ", offset=" << num(p.real("offset")) << ", frequency=" << num(p.real("frequency"))
                << ", phase=" << num(p.real("phase")) << ").inject_into(" << pop << ")\n";
        } else if (type == "stimulus.noise") {
            out << "sim.NoisyCurrentSource(mean=" << num(p.real("mean")) << ", stdev=" << num(p.real("std"))
                << ", start=0.0, stop=DURATION, dt=DT).inject_into(" << pop << ")\n";
        } else {
            refuse(*s.node, "type", kTarget, "this current source is not translated");
        }
    }
    out << "\n";
}

// STDPMechanism for rule.stdp (Song, Miller & Abbott 2000 pairs; weight dependences of PyNN).
std::string stdp(const ExportNetwork& net, const ExportRule& rule, double scale)
{
    const Node& n = *rule.node;
    if (n.type != "rule.stdp")
        refuse(n, "type", kTarget, "PyNN has no such learning rule among its standard models (translated: rule.stdp)");
    const ParamReader p = net.params(n);
    if (p.text("pairing") != "all_to_all")
        refuse(n, "pairing", kTarget,
               "PyNN's SpikePairRule pairs all spikes; '" + p.text("pairing") + "' pairing has no counterpart");
    const std::string dep = p.text("dependence");
    const double wMax = p.real("w_max");
    if (dep != "soft_bound" && !(wMax > 0.0))
        refuse(n, "w_max", kTarget, "PyNN's amplitudes are fractions of w_max, which must be positive");
    const double aPlus = dep == "soft_bound" ? p.real("a_plus") : p.real("a_plus") / wMax;
    const double aMinus = dep == "additive" ? p.real("a_minus") / wMax : p.real("a_minus");
    const std::string weightDep = dep == "additive"         ? "AdditiveWeightDependence"
                                  : dep == "multiplicative" ? "AdditivePotentiationMultiplicativeDepression"
                                                            : "MultiplicativeWeightDependence";
    return "sim.STDPMechanism(\n    timing_dependence=sim.SpikePairRule(tau_plus=" + num(p.real("tau_plus")) +
           ", tau_minus=" + num(p.real("tau_minus")) + ", A_plus=" + approx(aPlus) + ", A_minus=" + approx(aMinus) +
           "),\n    weight_dependence=sim." + weightDep + "(w_min=" + approx(p.real("w_min") * scale) +
           ", w_max=" + approx(wMax * scale) + "))";
}

void projection(std::ostream& out, const ExportNetwork& net, const ExportProjection& proj)
{
    const Node& post = *net.population(proj.post).node;
    if (!isLif(post))
        refuse(*proj.node, "post", kTarget, "its target '" + post.id + "' is a spike source without synaptic input");
    const double scale = weightScale(net, post);
    const std::string name = var(proj.node->id);
    const ExportRule* rule = net.ruleOf(proj.node->id);
    out << "# " << proj.node->id << ": " << proj.node->type << " " << proj.pre << " -> " << proj.post << ", "
        << proj.i.size() << " synapses, delay " << delayText(net, proj) << "\n";
    if (rule)
        out << "# learning: " << rule->node->id << " (" << net.params(*rule->node).text("dependence")
            << " pair STDP)\n";
    out << name << " = sim.Projection(" << var(proj.pre) << ", " << var(proj.post) << ", synapse_list("
        << pyString(name) << ", " << approx(scale) << ", " << approx(proj.delaySteps * net.dtMs) << "),\n    "
        << (rule ? stdp(net, *rule, scale) : "sim.StaticSynapse()")
        << ", receptor_type=" << (proj.inhibitory ? "'inhibitory'" : "'excitatory'")
        << ", label=" << pyString(proj.node->id) << ")\n\n";
}

void monitor(std::ostream& out, const ExportNetwork& net, const ExportMonitor& m, std::ostream& saves)
{
    const Node& n = *m.node;
    const ParamReader p = net.params(n);
    if (n.type == "monitor.spikes") {
        saves << "    save_spikes(" << pyString(n.id) << ", " << var(m.target) << ")\n";
    } else if (n.type == "monitor.state") {
        if (p.text("variable") != "v" || !isLif(*net.population(m.target).node))
            refuse(n, "variable", kTarget, "only the membrane potential 'v' of LIF layers is recorded in PyNN scripts");
        const std::string neurons = p.text("neurons");
        const std::string view = neurons == "all" ? var(m.target) : var(m.target) + "[" + pyNeurons(neurons) + "]";
        out << view
            << ".record('v', sampling_interval=" << approx(static_cast<double>(p.integer("interval")) * net.dtMs)
            << ")  # " << n.id << "\n";
        saves << "    save_state(" << pyString(n.id + "_v") << ", " << view << ")\n";
    } else if (n.type == "monitor.weights" || n.type == "monitor.stdp_window") {
        const ExportProjection& proj = net.projection(m.target);
        saves << "    save_weights(" << pyString(n.id) << ", " << var(m.target) << ", "
              << approx(weightScale(net, *net.population(proj.post).node)) << ")  # the final weights\n";
    } else {
        refuse(n, "type", kTarget, "this monitor is not translated");
    }
}

} // namespace

std::string pynnScript(const ExportNetwork& net, const std::string& dataFile)
{
    std::ostringstream out, saves;
    out << "#!/usr/bin/env python3\n\"\"\"" << net.title << ": a PyNN script exported from SpikeStudio.\n\n"
        << "The network of the SpikeStudio document with the synapses and weights that SpikeStudio drew from the\n"
        << "document's seed (" << net.seed << "), stored in " << dataFile << " beside this script. Runs for "
        << num(net.durationMs) << " ms with dt " << num(net.dtMs)
        << " ms and prints\nthe spikes and the mean rate of every population.\n\n"
        << "    python3 SCRIPT [nest|neuron|spiNNaker] [--out DIR]\n"
        << "    mpirun -np 4 python3 SCRIPT nest [--out DIR]   NEST (or NEURON) over 4 MPI processes\n\n"
        << "Under MPI every process simulates its share of the neurons; the counts and recordings are gathered,\n"
        << "and only the first process (rank 0) prints them and writes the files.\n"
        << "Units are PyNN's: ms, mV, nA, nF, uS. Delays are SpikeStudio's: a delay of d steps acts d steps after\n"
        << "the spike, as in NEST.\n\"\"\"\n"
        << "import argparse\nimport importlib\nimport os\n\nimport numpy as np\nfrom pyNN.random import NumpyRNG, "
           "RandomDistribution\n\n"
        << "parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])\n"
        << "parser.add_argument('backend', nargs='?', default='nest', choices=['nest', 'neuron', 'spiNNaker'])\n"
        << "parser.add_argument('--out', help='write the recordings as CSV files into this folder')\n"
        << "args = parser.parse_args()\nsim = importlib.import_module('pyNN.' + args.backend)\n"
        << "HERE = os.path.dirname(os.path.abspath(__file__))\ndata = np.load(os.path.join(HERE, " << pyString(dataFile)
        << "))\n\n"
        << "DT = " << num(net.dtMs) << "\nDURATION = " << num(net.durationMs)
        << "\nsim.setup(timestep=DT, min_delay=DT)\n"
        << "RANK, PROCESSES = (sim.rank(), sim.num_processes()) if hasattr(sim, 'num_processes') else (0, 1)\n"
        << "rng = NumpyRNG(seed=" << (net.seed & 0xFFFFFFFFu) << ")  # NumPy takes 32-bit seeds\n\n\n"
        << "def synapse_list(name, scale, delay):\n"
        << "    \"\"\"The synapses SpikeStudio drew, as (pre, post, weight in PyNN's unit, delay in ms).\"\"\"\n"
        << "    i, j, w = data[name + '_i'], data[name + '_j'], data[name + '_w']\n"
        << "    rows = np.column_stack([i, j, w*scale, np.full(len(i), delay)])\n"
        << "    return sim.FromListConnector(rows, column_names=['weight', 'delay'])\n\n\n";
    for (const auto& pop : net.populations) population(out, net, pop);
    for (const auto& s : net.stimuli) stimulus(out, net, s);
    for (const auto& proj : net.projections) projection(out, net, proj);
    for (const auto& m : net.monitors) monitor(out, net, m, saves);
    out << "populations = [";
    for (std::size_t k = 0; k < net.populations.size(); ++k)
        out << (k ? ", " : "") << "(" << pyString(net.populations[k].node->id) << ", "
            << var(net.populations[k].node->id) << ")";
    out << "]\n\nsim.run(DURATION)\n\n"
        << "# Gathering is collective: every process asks, rank 0 prints and writes.\n"
        << "if RANK == 0:\n"
        << "    print(f'{\"population\":<20} {\"neurons\":>10} {\"spikes\":>12} {\"rate (Hz)\":>10}')\n"
        << "for name, population in populations:\n"
        << "    count = int(sum(population.get_spike_counts(gather=True).values()))\n"
        << "    if RANK == 0:\n"
        << "        print(f'{name:<20} {population.size:>10} {count:>12} "
           "{count/population.size/(DURATION/1000):>10.3f}')\n\n\n"
        << "def save_spikes(name, population):\n"
        << "    trains = population.get_data('spikes', gather=True).segments[0].spiketrains\n"
        << "    if RANK != 0:\n        return\n"
        << "    rows = [(t.annotations['source_index'], float(s)/1000) for t in trains for s in t.magnitude]\n"
        << "    np.savetxt(os.path.join(args.out, name + '_spikes.csv'), np.array(rows).reshape(-1, 2), fmt=['%d', "
           "'%.10g'],\n"
        << "               delimiter=',', header='neuron,time_s', comments='')\n\n\n"
        << "def save_state(name, view):\n"
        << "    signal = view.get_data('v', gather=True).segments[0].filter(name='v')[0]\n"
        << "    if RANK != 0:\n        return\n"
        << "    header = ','.join(['time_s'] + [f'n{k}' for k in signal.array_annotations['channel_index']])\n"
        << "    np.savetxt(os.path.join(args.out, name + '.csv'),\n"
        << "               np.column_stack([signal.times.magnitude/1000, signal.magnitude/1000]),  # SI units\n"
        << "               fmt='%.10g', delimiter=',', header=header, comments='')\n\n\n"
        << "def save_weights(name, projection, scale):\n"
        << "    # One row per post neuron, one column per pre neuron, in the document's weight unit.\n"
        << "    if PROCESSES == 1:\n"
        << "        matrix = np.nan_to_num(projection.get('weight', format='array').T)/scale\n"
        << "    else:  # each process holds the synapses onto its own neurons: (pre, post, weight) gathered on rank 0\n"
        << "        from mpi4py import MPI\n"
        << "        local = np.array(projection.get('weight', format='list', gather=False), dtype=float).reshape(-1, 3)\n"
        << "        parts = MPI.COMM_WORLD.gather(local, root=0)\n"
        << "        if RANK != 0:\n            return\n"
        << "        rows = np.concatenate(parts)\n"
        << "        matrix = np.zeros((projection.post.size, projection.pre.size))\n"
        << "        np.add.at(matrix, (rows[:, 1].astype(int), rows[:, 0].astype(int)), rows[:, 2]/scale)\n"
        << "    header = ','.join(f'pre_{k}' for k in range(matrix.shape[1]))\n"
        << "    np.savetxt(os.path.join(args.out, name + '_weights.csv'), matrix, fmt='%.8g', delimiter=',', "
           "header=header,\n"
        << "               comments='')\n\n\n"
        << "if args.out:\n    if RANK == 0:\n        os.makedirs(args.out, exist_ok=True)\n"
        << saves.str() << "sim.end()\n";
    return out.str();
}

void exportPynn(const Graph& graph, const std::vector<NodeSpec>& specs, const std::string& title,
                const std::string& path)
{
    writeScriptAndData(collect(graph, specs, title, kTarget), kReserved, path, pynnScript);
}

} // namespace ss::models::exporting
