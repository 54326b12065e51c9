// What the controller's worker offers a live run beyond stepping (SimulationController.h): the input
// of the network (the sample on show and the encoder's spikes for it) and parameter changes adopted
// between two steps.
#include "app/SimulationWorker.h"

#include "models/encoders/IdxSource.h"

namespace ss::app {

using namespace worker;

void SimulationController::Worker::attachInput(sim::Index tapInterval)
{
    for (const auto& [encoder, source] : compiled.encoders) {
        auto* population = dynamic_cast<sim::Population*>(encoder);
        if (!source || !population) continue;
        for (const auto& [id, pop] : compiled.populations)
            if (pop == population) inputEncoder = id;
        input = std::make_shared<sim::InputSnapshot>();
        inputTap = &compiled.network->addRecorder<sim::LiveInputTap>(*population, source->shape(),
                                                                     static_cast<int>(tapInterval), *input);
        // A plain run shows the sample the encoder was given when it was built.
        if (source->count() > 0) {
            plainInput.index = models::defaultSampleIndex(*source);
            plainInput.label = source->label(plainInput.index);
            source->sample(plainInput.index, plainValues);
        } else {
            plainValues.setZero(source->shape().size());
        }
        return;
    }
}

void SimulationController::Worker::showPlainInput()
{
    if (inputTap) inputTap->begin(plainInput, plainValues);
}

void SimulationController::Worker::adoptParameters()
{
    ParameterChange change;
    {
        std::lock_guard lock(mutex);
        if (changes.empty()) return;
        change = std::move(changes.front());
        changes.pop_front();
    }
    for (const auto& [running, edited] : change.populations) running->adoptParameters(*edited);
    ++adopted;
}

void SimulationController::changeParameters(ParameterChange change)
{
    if (!m_worker) return;
    {
        std::lock_guard lock(m_worker->mutex);
        m_worker->changes.push_back(std::move(change));
        m_worker->commands.push_back(Command::Adopt);
    }
    m_worker->wake.notify_all();
}

std::uint64_t SimulationController::parameterChanges() const { return m_worker ? m_worker->adopted.load() : 0; }

sim::InputSnapshot* SimulationController::input() const { return m_worker ? m_worker->input.get() : nullptr; }

std::string SimulationController::inputEncoder() const { return m_worker ? m_worker->inputEncoder : std::string(); }

} // namespace ss::app
