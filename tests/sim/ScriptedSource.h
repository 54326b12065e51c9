#pragma once
// Test helpers: a population that fires the neurons it is told to, and one that only collects input.
#include "sim/Population.h"

#include <map>
#include <vector>

namespace ss::test {

// Fires, at each step, the neurons scheduled for that step (or every step when `always` is set).
class ScriptedSource : public sim::Population {
public:
    ScriptedSource(std::string name, sim::Shape shape) : Population(std::move(name), shape) {}
    void fireAt(sim::Step step, std::vector<sim::Index> neurons) { m_script[step] = std::move(neurons); }
    void integrate() override {}
    void thresholdAndReset() override
    {
        m_spikes.clear();
        if (auto it = m_script.find(m_now); it != m_script.end()) m_spikes = it->second;
        ++m_now;
    }

protected:
    void resetModel() override { m_now = 0; }

private:
    std::map<sim::Step, std::vector<sim::Index>> m_script;
    sim::Step m_now = 0;
};

// Never fires; keeps the excitatory and inhibitory input it received at every step.
class InputProbe : public sim::Population {
public:
    InputProbe(std::string name, sim::Shape shape) : Population(std::move(name), shape) {}
    void integrate() override
    {
        excitatory.emplace_back(input(sim::Channel::Excitatory).current());
        inhibitory.emplace_back(input(sim::Channel::Inhibitory).current());
    }
    void thresholdAndReset() override { m_spikes.clear(); }
    std::vector<Eigen::ArrayXd> excitatory, inhibitory;

protected:
    void resetModel() override
    {
        excitatory.clear();
        inhibitory.clear();
    }
};

} // namespace ss::test
