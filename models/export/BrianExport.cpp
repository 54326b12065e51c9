#include "models/export/BrianExport.h"

#include "models/export/ScriptText.h"

#include <sstream>

namespace ss::models::exporting {

namespace {

const std::string kTarget = "Brian2";

// Names the script itself uses; node variables never take them.
const std::set<std::string> kReserved = {
    "np", "os", "sys", "argparse", "parser", "args", "DEVICE", "DEVICES", "brian2cuda", "brian2genn", "data",
    "duration", "HERE", "OUT", "STANDALONE", "ms", "mV", "nA", "Mohm", "Hz", "volt",
    "amp", "second", "NeuronGroup", "PoissonGroup", "Synapses", "SpikeMonitor", "StateMonitor", "run", "seed",
    "defaultclock", "prefs", "set_device", "clip", "rand", "randn", "population_counts", "name", "group", "monitor",
    "count", "save_spikes", "save_state", "save_weights", "i", "j", "w", "t", "v", "I", "exp", "sin", "pi", "int",
    "input"};

std::string var(const std::string& id) { return pyName(id, kReserved); }

bool isLif(const Node& n) { return n.type == "layer.lif" || n.type == "layer.lif_cond"; }

// "exp_current", "delta" or "conductance".
std::string synapseOf(const ExportNetwork& net, const Node& n)
{
    return n.type == "layer.lif_cond" ? "conductance" : net.params(n).text("synapse");
}

// Brian2 expression (in amperes) of one stimulus; noise terms name a state variable updated each step.
std::string currentTerm(const ExportNetwork& net, const ExportStimulus& s, sim::Index size)
{
    const ParamReader p = net.params(*s.node);
    const std::string& type = s.node->type;
    auto window = [&] { return "int(t >= " + num(p.real("start")) + "*ms)*int(t < " + num(p.real("stop")) + "*ms)"; };
    if (type == "stimulus.step") return num(p.real("amplitude")) + "*nA*" + window();
    if (type == "stimulus.ramp")
        return std::string("(") + num(p.real("from")) + "*nA + (" + approx(p.real("to") - p.real("from")) +
               "*nA)*(t - " + num(p.real("start")) + "*ms)/(" + approx(p.real("stop") - p.real("start")) + "*ms))*" +
               window();
    if (type == "stimulus.ladder")
        return std::string("(") + num(p.real("from")) + "*nA + (" + approx(p.real("to") - p.real("from")) + "*nA)*i/" +
               std::to_string(std::max<sim::Index>(1, size - 1)) + ")*" + window();
    if (type == "stimulus.sine")
        return std::string("(") + num(p.real("offset")) + "*nA + " + num(p.real("amplitude")) + "*nA*sin(2*pi*" +
               num(p.real("frequency")) + "*Hz*t + " + approx(p.real("phase") * 3.141592653589793 / 180.0) + "))";
    if (type == "stimulus.noise") return "I_" + var(s.node->id);
    refuse(*s.node, "type", kTarget, "this current source is not translated");
}

void population(std::ostream& out, const ExportNetwork& net, const ExportPopulation& pop)
{
    const Node& n = *pop.node;
    const std::string name = var(n.id);
    const ParamReader p = net.params(n);
    if (n.type == "encoder.poisson") {
        out << "# " << n.id << ": Poisson spike source (" << n.type << "), " << pop.size << " neurons\n";
        out << name << " = PoissonGroup(" << pop.size << ", rates=" << num(p.real("rate"))
            << "*Hz, name=" << pyString(name) << ")\n\n";
        return;
    }
    if (!isLif(n))
        refuse(n, "type", kTarget,
               "this kind of layer or encoder is not translated to Brian2 (translated: layer.lif, layer.lif_cond, "
               "encoder.poisson without samples)");
    const std::string syn = synapseOf(net, n);
    std::vector<std::string> terms;
    std::string noise;
    for (const ExportStimulus* s : net.stimuliInto(n.id)) {
        if (s->node->type == "stimulus.poisson_input") continue; // a PoissonInput below, not a current
        terms.push_back(currentTerm(net, *s, pop.size));
        if (s->node->type == "stimulus.noise") noise += "    I_" + var(s->node->id) + " : amp\n";
    }
    std::string drive = syn == "delta"         ? "v_rest - v"
                        : syn == "exp_current" ? "v_rest - v + ge + gi"
                                               : "v_rest - v + ge*(e_exc - v) + gi*(e_inh - v)";
    if (!terms.empty()) drive += " + r_m*I";
    out << "# " << n.id << ": " << n.type << " (" << syn << " synapses), " << pop.size << " neurons\n";
    out << name << " = NeuronGroup(" << pop.size << ", '''\n";
    out << "    dv/dt = (" << drive << ")/tau_m : volt (unless refractory)\n";
    if (syn != "delta") {
        const std::string unit = syn == "conductance" ? "1" : "volt";
        out << "    dge/dt = -ge/tau_syn_e : " << unit << "\n    dgi/dt = -gi/tau_syn_i : " << unit << "\n";
    }
    if (!terms.empty()) {
        std::string sum;
        for (const auto& t : terms) sum += (sum.empty() ? "" : " + ") + t;
        out << "    I = " << sum << " : amp\n" << noise;
    }
    // Linear dynamics are integrated exactly as SpikeStudio does (Rotter & Diesmann 1999); conductances
    // and time-dependent currents with the exponential Euler step at the values of the step's start.
    const bool exact = syn != "conductance" && terms.empty();
    // Brian2 counts the refractory period from the update of the spike's own step; SpikeStudio (as NEST)
    // holds v for t_ref / dt updates after it, one more.
    out << "    ''', threshold='v >= v_th', reset='v = v_reset', refractory=" << num(p.real("t_ref"))
        << "*ms + defaultclock.dt, method=" << (exact ? "'exact'" : "'exponential_euler'")
        << ", name=" << pyString(name) << ",\n";
    out << "    namespace=dict(tau_m=" << num(p.real("tau_m")) << "*ms, v_rest=" << num(p.real("v_rest"))
        << "*mV, v_reset=" << num(p.real("v_reset")) << "*mV, v_th=" << num(p.real("v_th")) << "*mV";
    if (!terms.empty()) out << ", r_m=" << num(p.real("r_m")) << "*Mohm";
    if (syn != "delta")
        out << ",\n                   tau_syn_e=" << num(p.real("tau_syn_e"))
            << "*ms, tau_syn_i=" << num(p.real("tau_syn_i")) << "*ms";
    if (syn == "conductance")
        out << ", e_exc=" << num(p.real("e_exc")) << "*mV, e_inh=" << num(p.real("e_inh")) << "*mV";
    out << "))\n";
    if (p.real("v_init_max") > p.real("v_init_min"))
        out << name << ".v = '" << num(p.real("v_init_min")) << "*mV + rand()*"
            << approx(p.real("v_init_max") - p.real("v_init_min")) << "*mV'\n";
    else
        out << name << ".v = " << num(p.real("v_init_min")) << "*mV\n";
    for (const ExportStimulus* s : net.stimuliInto(n.id)) {
        if (s->node->type != "stimulus.poisson_input") continue;
        const ParamReader q = net.params(*s->node);
        const std::string target = syn == "delta" ? "v" : q.text("target") == "inhibitory" ? "gi" : "ge";
        out << "# " << s->node->id << ": " << q.integer("count") << " independent Poisson inputs per neuron\n";
        out << var(s->node->id) << "_" << name << " = PoissonInput(" << name << ", " << pyString(target) << ", "
            << q.integer("count") << ", " << num(q.real("rate")) << "*Hz, weight=" << num(q.real("weight"))
            << (syn == "conductance" ? "" : "*mV") << ")\n";
    }
    for (const ExportStimulus* s : net.stimuliInto(n.id)) {
        if (s->node->type != "stimulus.noise") continue;
        const ParamReader q = net.params(*s->node);
        out << "# " << s->node->id << ": Gaussian current drawn anew for every neuron and step\n";
        out << name << ".run_regularly('I_" << var(s->node->id) << " = " << num(q.real("mean")) << "*nA + "
            << num(q.real("std")) << "*nA*randn()', when='start')\n";
    }
    out << "\n";
}

// Pair STDP with event-driven traces (Morrison, Diesmann & Gerstner 2008), as models/plasticity/PairStdpRule.h.
void stdp(const ExportNetwork& net, const ExportRule& rule, const std::string& weightUnit, std::string& model,
          std::string& onPre, std::string& onPost, std::string& ns)
{
    const Node& n = *rule.node;
    if (n.type != "rule.stdp")
        refuse(n, "type", kTarget,
               "its weight normalisation or first-spike winner acts per sample of a training protocol, which the "
               "script does not run (translated: rule.stdp)");
    const ParamReader p = net.params(n);
    const std::string dep = p.text("dependence");
    const std::string pairing = p.text("pairing");
    if (pairing != "all_to_all" && pairing != "nearest")
        refuse(n, "pairing", kTarget, "'" + pairing + "' pairing is not translated (translated: all_to_all, nearest)");
    const bool nearest = pairing == "nearest";
    const std::string u = weightUnit == "1" ? "" : "*mV";
    const std::string aPlusUnit = dep == "soft_bound" ? "" : u;
    const std::string aMinusUnit = dep == "additive" ? u : "";
    model += "    dapre/dt = -apre/tau_plus : 1 (event-driven)\n    dapost/dt = -apost/tau_minus : 1 (event-driven)\n";
    const std::string depress = dep == "additive"         ? "a_minus*apost"
                                : dep == "multiplicative" ? "a_minus*apost*w"
                                                          : "a_minus*apost*(w - w_min)";
    const std::string potentiate = dep == "soft_bound" ? "a_plus*apre*(w_max - w)" : "a_plus*apre";
    onPre += "    w = clip(w - " + depress + ", w_min, w_max)\n    apre " + (nearest ? "= 1" : "+= 1") + "\n";
    onPost += "    w = clip(w + " + potentiate + ", w_min, w_max)\n    apost " + (nearest ? "= 1" : "+= 1") + "\n";
    ns = "namespace=dict(a_plus=" + num(p.real("a_plus")) + aPlusUnit + ", a_minus=" + num(p.real("a_minus")) +
         aMinusUnit + ", tau_plus=" + num(p.real("tau_plus")) + "*ms, tau_minus=" + num(p.real("tau_minus")) +
         "*ms,\n                   w_min=" + num(p.real("w_min")) + u + ", w_max=" + num(p.real("w_max")) + u + "), ";
}

void projection(std::ostream& out, const ExportNetwork& net, const ExportProjection& proj)
{
    const Node& post = *net.population(proj.post).node;
    if (!isLif(post))
        refuse(*proj.node, "post", kTarget, "its target '" + post.id + "' is a spike source without synaptic input");
    const std::string syn = synapseOf(net, post);
    const std::string weightUnit = syn == "conductance" ? "1" : "volt";
    const std::string name = var(proj.node->id);
    std::string model = "    w : " + weightUnit + "\n";
    std::string onPre = syn == "delta" ? "    v_post += w*int(not_refractory_post)\n"
                                       : std::string("    ") + (proj.inhibitory ? "gi" : "ge") + "_post += w\n";
    std::string onPost, ns;
    const ExportRule* rule = net.ruleOf(proj.node->id);
    if (rule) stdp(net, *rule, weightUnit, model, onPre, onPost, ns);
    out << "# " << proj.node->id << ": " << proj.node->type << " " << proj.pre << " -> " << proj.post << ", "
        << (proj.inhibitory ? "inhibitory" : "excitatory") << ", " << proj.i.size() << " synapses; delay "
        << delayText(net, proj) << " in SpikeStudio\n";
    if (rule)
        out << "# learning: " << rule->node->id << " (" << net.params(*rule->node).text("dependence")
            << " pair STDP)\n";
    out << name << " = Synapses(" << var(proj.pre) << ", " << var(proj.post);
    if (rule) {
        out << ", '''\n"
            << model << "    ''', on_pre='''\n"
            << onPre << "    ''', on_post='''\n"
            << onPost << "    ''',\n    " << ns;
    } else {
        // One line each: "w : volt" and "ge_post += w".
        auto line = [](std::string text) { return text.substr(4, text.size() - 5); };
        out << ", '" << line(model) << "', on_pre='" << line(onPre) << "', ";
    }
    out << "delay=" << approx((proj.delaySteps - 1) * net.dtMs) << "*ms, name=" << pyString(name) << ")\n";
    out << name << ".connect(i=data['" << name << "_i'], j=data['" << name << "_j'])\n";
    out << name << ".w = data['" << name << "_w']" << (weightUnit == "1" ? "" : "*mV") << "\n\n";
}

void monitor(std::ostream& out, const ExportNetwork& net, const ExportMonitor& m, std::ostream& saves)
{
    const Node& n = *m.node;
    const std::string name = var(n.id), target = var(m.target);
    const ParamReader p = net.params(n);
    if (n.type == "monitor.spikes") {
        out << name << " = SpikeMonitor(" << target << ", name=" << pyString(name) << ")\n";
        saves << "    save_spikes(" << pyString(n.id) << ", " << name << ")\n";
    } else if (n.type == "monitor.state") {
        const Node& pop = *net.population(m.target).node;
        const std::string variable = p.text("variable");
        const bool synaptic = (variable == "ge" || variable == "gi") && isLif(pop) && synapseOf(net, pop) != "delta";
        if (!(isLif(pop) && variable == "v") && !synaptic)
            refuse(n, "variable", kTarget, "'" + m.target + "' has no state variable '" + variable + "' in the script");
        out << name << " = StateMonitor(" << target << ", " << pyString(variable)
            << ", record=" << pyNeurons(p.text("neurons"))
            << ", dt=" << approx(static_cast<double>(p.integer("interval")) * net.dtMs)
            << "*ms, name=" << pyString(name) << ")\n";
        saves << "    save_state(" << pyString(n.id + "_" + variable) << ", " << name << ", " << pyString(variable)
              << ")\n";
    } else if (n.type == "monitor.weights" || n.type == "monitor.stdp_window") {
        const ExportProjection& proj = net.projection(m.target);
        saves << "    save_weights(" << pyString(n.id) << ", " << var(m.target) << ", "
              << approx(net.population(proj.post).synapticUnit) << ")  # the final weights\n";
    } else {
        refuse(n, "type", kTarget, "this monitor is not translated");
    }
}

} // namespace

std::string brian2Script(const ExportNetwork& net, const std::string& dataFile)
{
    std::ostringstream out, saves;
    const std::string stem = dataFile.substr(0, dataFile.find_last_of('.'));
    out << "#!/usr/bin/env python3\n\"\"\"" << net.title << ": a Brian2 script exported from SpikeStudio.\n\n"
        << "The network of the SpikeStudio document with the synapses and weights that SpikeStudio drew from the\n"
        << "document's seed (" << net.seed << "), stored in " << dataFile << " beside this script. Runs for "
        << num(net.durationMs) << " ms with dt " << num(net.dtMs)
        << " ms and prints\nthe spikes and the mean rate of every population.\n\n"
        << "    python3 SCRIPT                           runtime mode (generated Cython code)\n"
        << "    python3 SCRIPT --numpy                   runtime mode with NumPy code, no compilation\n"
        << "    python3 SCRIPT --device cpp_standalone   C++ standalone mode (also: --standalone)\n"
        << "    python3 SCRIPT --device cuda_standalone  on an NVIDIA GPU with Brian2CUDA (pip install brian2cuda)\n"
        << "    python3 SCRIPT --device genn             on a GPU with Brian2GeNN (pip install brian2genn, and GeNN)\n"
        << "    python3 SCRIPT --out DIR                 also write the monitors' recordings as CSV files into DIR\n\n"
        << "The standalone devices build their code in SCRIPT_<device>/ beside the script.\n"
        << "Delays: SpikeStudio delivers a spike d steps after it fires; Brian2 applies on_pre in the step of the\n"
        << "spike, before the next integration, so the delays below are (d - 1) dt. Brian2 counts the refractory\n"
        << "period from the spike's own step, SpikeStudio (as NEST) from the step after it: hence t_ref + dt.\n"
        << "Weights are in mV for current-based neurons and relative to the leak conductance for\n"
        << "conductance-based ones.\n\"\"\"\n"
        << "import argparse\nimport os\nimport sys\n\nimport numpy as np\nfrom brian2 import *\n\n"
        << "DEVICES = ['runtime', 'cpp_standalone', 'cuda_standalone', 'genn']\n"
        << "parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])\n"
        << "parser.add_argument('--device', choices=DEVICES, help='where Brian2 runs the network (default: runtime)')\n"
        << "parser.add_argument('--standalone', action='store_true', help='the same as --device cpp_standalone')\n"
        << "parser.add_argument('--numpy', action='store_true', help='runtime mode with NumPy code')\n"
        << "parser.add_argument('--out', help='write the recordings as CSV files into this folder')\n"
        << "args = parser.parse_args()\n"
        << "DEVICE = args.device or ('cpp_standalone' if args.standalone else 'runtime')\n"
        << "STANDALONE = DEVICE != 'runtime'\nHERE = os.path.dirname(os.path.abspath(__file__))\nOUT = args.out\n"
        << "# The GPU devices come with their own packages, which register them with Brian2 when imported.\n"
        << "if DEVICE == 'cuda_standalone':\n    try:\n        import brian2cuda  # noqa: F401\n"
        << "    except ImportError:\n"
        << "        sys.exit('--device cuda_standalone needs Brian2CUDA, which is not installed: pip install brian2cuda '\n"
        << "                 '(it also needs the CUDA toolkit and an NVIDIA GPU); or run with --device cpp_standalone')\n"
        << "elif DEVICE == 'genn':\n    try:\n        import brian2genn  # noqa: F401\n"
        << "    except ImportError:\n"
        << "        sys.exit('--device genn needs Brian2GeNN, which is not installed: pip install brian2genn (it also '\n"
        << "                 'needs GeNN and, for a GPU, CUDA); or run with --device cpp_standalone')\n"
        << "if STANDALONE:\n    set_device(DEVICE, directory=os.path.join(HERE, " << pyString(stem + "_")
        << " + DEVICE))\n"
        << "elif args.numpy:\n    prefs.codegen.target = 'numpy'\n\n"
        << "defaultclock.dt = " << num(net.dtMs) << "*ms\nduration = " << num(net.durationMs) << "*ms\nseed("
        << (net.seed & 0xFFFFFFFFu) << ")  # NumPy takes 32-bit seeds\ndata = np.load(os.path.join(HERE, " << pyString(dataFile) << "))\n\n";
    for (const auto& pop : net.populations) population(out, net, pop);
    for (const auto& proj : net.projections) projection(out, net, proj);
    for (const auto& m : net.monitors) monitor(out, net, m, saves);
    // Every population is counted; a spike monitor of the document serves when there is one. Brian2's
    // run() collects the objects bound to names in this scope, so counters get names too.
    std::ostringstream counts;
    for (const auto& pop : net.populations) {
        std::string mon;
        for (const auto& m : net.monitors)
            if (m.node->type == "monitor.spikes" && m.target == pop.node->id && mon.empty()) mon = var(m.node->id);
        if (mon.empty()) {
            mon = var(pop.node->id) + "_count";
            out << mon << " = SpikeMonitor(" << var(pop.node->id) << ", record=False)\n";
        }
        counts << "    (" << pyString(pop.node->id) << ", " << var(pop.node->id) << ", " << mon << "),\n";
    }
    out << "population_counts = [\n"
        << counts.str() << "]\n\nrun(duration, report='text' if sys.stderr.isatty() else None)\n\n"
        << "print(f'{\"population\":<20} {\"neurons\":>10} {\"spikes\":>12} {\"rate (Hz)\":>10}')\n"
        << "for name, group, monitor in population_counts:\n"
        << "    count = int(monitor.num_spikes)\n"
        << "    print(f'{name:<20} {len(group):>10} {count:>12} {count/len(group)/float(duration/second):>10.3f}')\n\n"
        << "\ndef save_spikes(name, monitor):\n"
        << "    np.savetxt(os.path.join(OUT, name + '_spikes.csv'), np.column_stack([monitor.i[:], "
           "monitor.t[:]/second]),\n"
        << "               fmt=['%d', '%.10g'], delimiter=',', header='neuron,time_s', comments='')\n\n\n"
        << "def save_state(name, monitor, variable):\n"
        << "    values = np.asarray(getattr(monitor, variable)).T  # SI units\n"
        << "    header = ','.join(['time_s'] + [f'n{k}' for k in monitor.record])\n"
        << "    np.savetxt(os.path.join(OUT, name + '.csv'), np.column_stack([monitor.t[:]/second, values]),\n"
        << "               fmt='%.10g', delimiter=',', header=header, comments='')\n\n\n"
        << "def save_weights(name, synapses, unit):\n"
        << "    # One row per post neuron, one column per pre neuron, in the document's weight unit.\n"
        << "    matrix = np.zeros((len(synapses.target), len(synapses.source)))\n"
        << "    matrix[synapses.j[:], synapses.i[:]] = np.asarray(synapses.w[:]) / unit\n"
        << "    header = ','.join(f'pre_{k}' for k in range(matrix.shape[1]))\n"
        << "    np.savetxt(os.path.join(OUT, name + '_weights.csv'), matrix, fmt='%.8g', delimiter=',', "
           "header=header,\n"
        << "               comments='')\n\n\n"
        << "if OUT:\n    os.makedirs(OUT, exist_ok=True)\n"
        << saves.str();
    return out.str();
}

void exportBrian2(const Graph& graph, const std::vector<NodeSpec>& specs, const std::string& title,
                  const std::string& path)
{
    writeScriptAndData(collect(graph, specs, title, kTarget), kReserved, path, brian2Script);
}

} // namespace ss::models::exporting
