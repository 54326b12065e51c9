#include "app/FigureExport.h"

#include "app/MonitorDisplay.h"
#include "widgets/PlotStyle.h"
#include "widgets/ReceptiveFieldView.h"
#include "widgets/SpikeRasterView.h"
#include "widgets/TraceView.h"

#include <QApplication>
#include <QDateTime>
#include <QDir>
#include <QFileInfo>
#include <QTextStream>

#include <algorithm>
#include <span>
#include <stdexcept>
#include <type_traits>

namespace ss::app {

namespace {

static_assert(std::is_same_v<sim::Index, int>, "the raster view takes neuron indices as int");

// Of a spike record's steps (sim::SpikeSteps) or a state record's.
template <class Steps> std::vector<double> secondsOf(const Steps& steps, double dt)
{
    std::vector<double> times;
    times.reserve(steps.size());
    for (sim::Step s : steps) times.push_back(static_cast<double>(s) * dt);
    return times;
}

std::vector<int> neuronsOf(const sim::SpikeRecorder& rec) { return {rec.neurons().begin(), rec.neurons().end()}; }

void addSpikes(widgets::SpikeRasterView& view, int band, const sim::SpikeRecorder& rec, double dt)
{
    view.appendSpikes(band, neuronsOf(rec), secondsOf(rec.steps(), dt));
}

// Writes `view` as `stem`.<format> in `out`, widthPx x heightPx logical pixels.
void save(const widgets::ExportableView& view, const QDir& out, const QString& stem, int widthPx, int heightPx,
          const FigureOptions& options, QStringList& written)
{
    const QString path = out.filePath(stem + QLatin1Char('.') + widgets::figureSuffix(options.format));
    QString error;
    if (!view.exportFigure(path, widgets::FigureSpec::fromPixels(widthPx, heightPx, options.scale, options.format), &error))
        throw std::runtime_error(error.toStdString());
    written << path;
}

} // namespace

QStringList writeFigures(const models::CompiledNetwork& compiled, const models::Graph& graph, const QString& dir,
                         const FigureOptions& options)
{
    if (!qobject_cast<QApplication*>(QCoreApplication::instance()))
        throw std::runtime_error("figures need the application object of the widgets (QApplication)");
    if (!QDir().mkpath(dir)) throw std::runtime_error("cannot create the figure folder " + dir.toStdString());
    const QDir out(dir);
    const double dt = compiled.network->dt();
    const double duration = compiled.network->time();
    QStringList written;

    // Spike monitors keep one colour in every figure: their order in the document.
    std::vector<const models::Monitor*> spikeMonitors;
    for (const auto& m : compiled.monitors)
        if (m.spikes) spikeMonitors.push_back(&m);

    for (std::size_t k = 0; k < spikeMonitors.size(); ++k) {
        const models::Monitor& m = *spikeMonitors[k];
        const QString node = QString::fromStdString(m.node);
        const QString population = QString::fromStdString(m.spikes->population().name());
        widgets::SpikeRasterView view;
        const int band = view.addPopulation(population, m.spikes->population().size());
        view.setPopulationColour(band, widgets::paletteColour(static_cast<int>(k)));
        addSpikes(view, band, *m.spikes, dt);
        view.advanceTo(duration);
        view.setTitle(QStringLiteral("%1: %2").arg(node, population));
        save(view, out, node + QStringLiteral("_raster"), options.width, options.height, options, written);
    }

    if (spikeMonitors.size() > 1) {
        widgets::SpikeRasterView view;
        for (const models::Monitor* m : spikeMonitors) {
            const int band = view.addPopulation(QString::fromStdString(m->spikes->population().name()),
                                                m->spikes->population().size());
            addSpikes(view, band, *m->spikes, dt);
        }
        view.advanceTo(duration);
        view.setTitle(options.title.isEmpty() ? QStringLiteral("spike raster") : options.title);
        save(view, out, QStringLiteral("raster"), options.width, options.height, options, written);
    }

    for (const auto& m : compiled.monitors) {
        if (!m.state) continue;
        const sim::StateRecorder& rec = *m.state;
        const QString node = QString::fromStdString(m.node);
        const QString variable = QString::fromStdString(rec.variable());
        const std::size_t width = rec.neurons().size();
        const std::vector<double> times = secondsOf(rec.steps(), dt);
        std::vector<std::vector<double>> values(width, std::vector<double>(times.size()));
        for (std::size_t k = 0; k < times.size(); ++k)
            for (std::size_t j = 0; j < width; ++j) values[j][k] = rec.value(k, j);
        QStringList labels;
        for (sim::Index i : rec.neurons()) labels << QStringLiteral("neuron %1").arg(i);

        widgets::TraceView view;
        const StateAxis axis = stateAxisOf(graph, m.node, rec.variable());
        view.setValueAxis(axis.label, axis.scale);
        view.setTraces(times, values, labels);
        view.setTimeRange(0.0, duration);

        const models::Node* layer = watchedLayer(graph, m.node);
        const auto found = layer ? compiled.populations.find(layer->id) : compiled.populations.end();
        const sim::Population* population = found != compiled.populations.end() ? found->second : nullptr;
        if (population && rec.variable() == "v")
            if (const auto threshold = fixedThreshold(*layer, *population)) view.setThreshold(*threshold);
        // Spike markers from a spike monitor on the same layer, if the document has one.
        const auto spikes = std::find_if(spikeMonitors.begin(), spikeMonitors.end(), [&](const models::Monitor* s) {
            return population && &s->spikes->population() == population;
        });
        if (spikes != spikeMonitors.end()) {
            view.setTraceNeurons(rec.neurons());
            view.appendSpikes(neuronsOf(*(*spikes)->spikes), secondsOf((*spikes)->spikes->steps(), dt));
        }
        const QString populationName = population ? QString::fromStdString(population->name()) : QString();
        view.setTitle(populationName.isEmpty() ? node : QStringLiteral("%1: %2").arg(node, populationName));
        save(view, out, QStringLiteral("%1_%2").arg(node, variable), options.width, options.height, options, written);
    }

    // Receptive fields: the last snapshot of each weight monitor, one image per post neuron (or kernel).
    for (const auto& m : compiled.monitors) {
        const sim::WeightRecorder* rec = m.weights;
        if (!rec || rec->snapshots().empty()) continue;
        const sim::Projection& proj = rec->projection();
        const sim::Shape row = proj.weightRowShape();
        const std::vector<float>& w = rec->snapshots().back();
        const int count = static_cast<int>(w.size() / static_cast<std::size_t>(std::max<sim::Index>(1, row.size())));
        widgets::ReceptiveFieldView view;
        view.setFields(w, count, row.channels, row.height, row.width);
        const QString node = QString::fromStdString(m.node);
        view.setTitle(QStringLiteral("%1: %2 \u2192 %3").arg(node, QString::fromStdString(proj.pre().name()),
                                                            QString::fromStdString(proj.post().name())));
        // As wide as the other figures, as tall as the grid needs (plus the title): the grid as the view
        // lays it out, which reshapes a flat row (one neuron's 1,000 inputs) into a near-square block.
        const double aspect = static_cast<double>(view.rows() * view.fieldHeight()) /
                              static_cast<double>(std::max(1, view.columns() * view.channels() * view.fieldWidth()));
        const int height = std::clamp(static_cast<int>((options.width - 80) * aspect) + 48, options.height / 2, 2 * options.width);
        save(view, out, node + QStringLiteral("_fields"), options.width, height, options, written);
    }
    return written;
}

QString figureProvenance(const QString& documentPath, const Document& doc, const QStringList& files)
{
    const models::Experiment& e = doc.graph.experiment;
    QString text;
    QTextStream out(&text);
    out << "SpikeStudio " << SPIKESTUDIO_VERSION << '\n'
        << "written: " << QDateTime::currentDateTimeUtc().toString(Qt::ISODate) << '\n'
        << "document: " << (documentPath.isEmpty() ? QStringLiteral("(unsaved)") : QFileInfo(documentPath).absoluteFilePath()) << '\n'
        << "name: " << doc.name << '\n'
        << "seed: " << static_cast<qulonglong>(e.seed) << '\n'
        << "dt: " << e.dt * 1e3 << " ms\n";
    if (e.protocol) {
        const models::ProtocolSettings& p = e.protocol->settings;
        out << "protocol: train " << static_cast<qulonglong>(p.trainCount) << ", label " << static_cast<qulonglong>(p.labelCount)
            << ", test " << static_cast<qulonglong>(p.testCount) << " samples (0: all of the source), epochs " << p.epochs
            << '\n';
    } else {
        out << "duration: " << e.duration * 1e3 << " ms\n";
    }
    out << "figures:\n";
    for (const QString& f : files) out << "  " << QFileInfo(f).fileName() << '\n';
    out << "document as run:\n" << QString::fromUtf8(writeDocument(doc));
    out.flush();
    return text;
}

QString writeProvenance(const QString& dir, const QString& documentPath, const Document& doc, const QStringList& files)
{
    const QString path = QDir(dir).filePath(QStringLiteral("figures.txt"));
    if (!widgets::writeTextFile(path, figureProvenance(documentPath, doc, files)))
        throw std::runtime_error("cannot write " + path.toStdString());
    return path;
}

} // namespace ss::app
