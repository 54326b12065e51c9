#include "models/encoders/SpikeEncoder.h"

namespace ss::models {

SpikeEncoder::SpikeEncoder(std::string name, sim::Shape shape, sim::Index inputs)
    : sim::Population(std::move(name), shape)
{
    if (inputs <= 0) throw sim::ModelError("encoder '" + this->name() + "' must have at least one input");
    m_values.setZero(inputs);
}

void SpikeEncoder::present(const Eigen::ArrayXd& values)
{
    if (values.size() != m_values.size())
        throw sim::ModelError("encoder '" + name() + "' expects samples of " + std::to_string(m_values.size()) +
                              " values, got " + std::to_string(values.size()));
    // NaN becomes 0: a missing pixel never fires.
    m_values = values.isNaN().select(0.0, values.max(0.0).min(1.0));
    m_step = 0;
    encode();
    restart();
}

void SpikeEncoder::thresholdAndReset()
{
    m_spikes.clear();
    emit(m_step);
    ++m_step;
}

void SpikeEncoder::resetModel()
{
    m_step = 0;
    restart();
}

const Eigen::ArrayXd* SpikeEncoder::stateVariable(const std::string& name) const
{
    return name == "value" ? &m_values : nullptr;
}

} // namespace ss::models
