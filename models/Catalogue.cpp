#include "models/Catalogue.h"

#include "models/Validator.h"
#include "models/encoders/EncoderSpecs.h"
#include "models/neurons/NeuronSpecs.h"
#include "models/plasticity/PlasticitySpecs.h"
#include "models/readouts/ReadoutSpecs.h"
#include "models/synapses/SynapseSpecs.h"

namespace ss::models {

const std::vector<NodeSpec>& catalogue()
{
    static const std::vector<NodeSpec> specs = {
        // Sources
        idxSourceSpec(),
        imageFolderSpec(),
        orientedBarsSpec(),
        repeatingPatternSpec(),
        spikeTimesSpec(),
        stepCurrentSpec(),
        rampCurrentSpec(),
        ladderCurrentSpec(),
        sineCurrentSpec(),
        noiseCurrentSpec(),
        poissonInputSpec(),
        // Encoders
        poissonSpec(),
        regularSpec(),
        latencySpec(),
        populationCodingSpec(),
        rankOrderSpec(),
        dogSpec(),
        // Layers
        lifSpec(),
        lifCondSpec(),
        adaptiveLifSpec(),
        alifSpec(),
        ifSpec(),
        izhikevichSpec(),
        hodgkinHuxleySpec(),
        srm0Spec(),
        swtaSpec(),
        // Synapses
        denseSynapsesSpec(),
        sparseSynapsesSpec(),
        oneToOneSynapsesSpec(),
        convSynapsesSpec(),
        poolSynapsesSpec(),
        lateralInhibitionSpec(),
        // Learning rules
        stdpSpec(),
        diehlCookSpec(),
        kheradpishehSpec(),
        nesslerSpec(),
        // Readouts
        voteReadoutSpec(),
        ridgeReadoutSpec(),
        svmReadoutSpec(),
        spikingOutputReadoutSpec(),
        // Monitors
        spikeMonitorSpec(),
        stateMonitorSpec(),
        weightMonitorSpec(),
        stdpWindowMonitorSpec(),
    };
    return specs;
}

const NodeSpec* findSpec(const std::string& id) { return findSpec(catalogue(), id); }

} // namespace ss::models
