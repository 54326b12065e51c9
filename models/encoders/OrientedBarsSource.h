#pragma once
// Teaching images: a bright bar on a dark square at one of K orientations, label = orientation index.
// Sample k shows orientation k mod K, angle theta = pi (k mod K) / K from the horizontal (counter-
// clockwise, image y pointing down), through the centre moved by an offset uniform in
// [-shift, shift] pixels along both axes (drawn from the seeded stream of sample k, so a sample is the
// same every time it is asked for). Pixel (x, y) at distance d across the bar and a along it from the
// bar's centre has the anti-aliased value clamp(width/2 + 1/2 - |d|, 0, 1) while |a| <= length/2, 0
// beyond. Simple cells' orientation selectivity in a network that learns with STDP is the classic
// demonstration (e.g. Masquelier & Thorpe 2007 on natural images; bars here make it quick).
#include "models/BuildContext.h"
#include "sim/Random.h"

namespace ss::models {

struct OrientedBarsParams {
    int side = 16;           // image width and height, pixels
    int orientations = 4;    // K
    std::size_t count = 1000;
    double width = 2.0;      // pixels
    double length = 12.0;    // pixels
    double shift = 2.0;      // pixels
    std::uint64_t seed = 1;
};

class OrientedBarsSource : public DataSource {
public:
    explicit OrientedBarsSource(const OrientedBarsParams& params);

    sim::Shape shape() const override { return {1, m_p.side, m_p.side}; }
    std::size_t count() const override { return m_p.count; }
    void sample(std::size_t k, Eigen::ArrayXd& out) const override;
    int label(std::size_t k) const override;
    // Orientation of sample k's bar, radians in [0, pi).
    double angle(std::size_t k) const;

private:
    OrientedBarsParams m_p;
};

} // namespace ss::models
