#pragma once
// Test helper: a population that fires the neurons it is told to, at the steps it is told to. Its
// step counter restarts when the population is reset (a new sample restarts its script).
#include "sim/Population.h"

#include <algorithm>
#include <map>
#include <random>
#include <vector>

namespace ss::test {

class ScriptedPopulation : public sim::Population {
public:
    ScriptedPopulation(std::string name, sim::Shape shape, double synapticUnit = 1e-3)
        : Population(std::move(name), shape), m_unit(synapticUnit)
    {
    }

    // Adds spikes of `neurons` at `step` (counted from the last reset).
    void fireAt(sim::Step step, const std::vector<sim::Index>& neurons)
    {
        auto& list = m_script[step];
        list.insert(list.end(), neurons.begin(), neurons.end());
        std::sort(list.begin(), list.end());
        list.erase(std::unique(list.begin(), list.end()), list.end());
    }
    // Each neuron fires independently with probability p at each of `steps` steps (seeded).
    void fireRandomly(sim::Step steps, double p, unsigned seed)
    {
        std::mt19937 gen(seed);
        std::bernoulli_distribution fire(p);
        for (sim::Step t = 0; t < steps; ++t) {
            std::vector<sim::Index> list;
            for (sim::Index i = 0; i < size(); ++i)
                if (fire(gen)) list.push_back(i);
            if (!list.empty()) fireAt(t, list);
        }
    }

    void integrate() override {}
    void thresholdAndReset() override
    {
        m_spikes.clear();
        if (auto it = m_script.find(m_now); it != m_script.end())
            m_spikes.insert(m_spikes.end(), it->second.begin(), it->second.end());
        ++m_now;
    }
    double synapticUnit() const override { return m_unit; }

protected:
    void resetModel() override { m_now = 0; }

private:
    std::map<sim::Step, std::vector<sim::Index>> m_script;
    sim::Step m_now = 0;
    double m_unit;
};

} // namespace ss::test
