#pragma once
// The settings of a training protocol (see Protocol.h), kept free of engine headers so that the
// experiment settings of a document (Graph.h) can hold them.
#include <cstddef>
#include <optional>
#include <string>

namespace ss::models {

struct ProtocolSettings {
    double present = 0.35;    // s, one sample shown
    double rest = 0.15;       // s, silent input after each sample
    bool resetBetween = true; // state (not weights or adaptive thresholds) back to initial before each sample
    int epochs = 1;           // passes over the training samples
    std::size_t trainCount = 0; // 0: every sample of the training source
    std::size_t labelCount = 0; // samples used for the class assignment; 0: the training samples
    std::size_t testCount = 0;  // 0: every sample of the test source
    // Diehl & Cook (2015): when the output layer fired fewer than minSpikes, the same sample is shown
    // again with the input intensity raised by intensityStep (a factor 1 + n intensityStep on the rates
    // after n repeats), at most maxRepeats times.
    int minSpikes = 5;
    double intensityStep = 1.0;
    int maxRepeats = 5;
};

// A protocol as a document stores it: the settings and the nodes it uses.
struct ExperimentProtocol {
    ProtocolSettings settings;
    std::string trainSource;  // source node bound to the network's encoder (empty: the only one)
    std::string testSource;   // source node of the test samples (empty: the training source)
    std::string readoutLayer; // population node whose spike counts are read
};

} // namespace ss::models
