// Opening a large document in the workbench: a real, valid 200-node, 300-wire network (a ring of 50
// LIF layers joined by sparse synapses, each with lateral inhibition and two step-current drives)
// written to a file, then opened with MainWindow::openFile: parse, validation, shape inference and
// building the canvas. Median and maximum of 7 opens, alternating two files of the same size.
// Target: under 0.5 s. Prints the figures, asserts nothing.
#include "app/DocumentIo.h"
#include "app/GraphDocument.h"
#include "app/MainWindow.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <cstdio>

using namespace ss;

namespace {

app::Document bigDocument(int variant)
{
    app::Document doc;
    auto& g = doc.graph;
    auto id = [](const char* base, int k) { return std::string(base) + "_" + std::to_string(k); };
    for (int k = 0; k < 50; ++k) {
        const double x = 600.0 * (k % 5), y = 300.0 * (k / 5);
        g.nodes.push_back({id("layer", k), "layer.lif", {{"size", std::int64_t{50 + variant}}}, x, y});
        g.nodes.push_back({id("syn", k), "synapses.sparse", {{"p", 0.1}}, x + 250, y});
        g.nodes.push_back({id("lateral", k), "synapses.lateral", {{"weight", -0.5}}, x, y + 140});
        g.nodes.push_back({id("drive", k), "stimulus.step", {{"amplitude", 0.2}}, x - 250, y + 140});
    }
    for (int k = 0; k < 50; ++k) {
        // A ring of layers, each with lateral inhibition, each driven by two step currents.
        g.wires.push_back({{id("layer", k), "out"}, {id("syn", k), "pre"}});
        g.wires.push_back({{id("syn", k), "post"}, {id("layer", (k + 1) % 50), "in"}});
        g.wires.push_back({{id("layer", k), "out"}, {id("lateral", k), "pre"}});
        g.wires.push_back({{id("lateral", k), "post"}, {id("layer", k), "in"}});
        g.wires.push_back({{id("drive", k), "current"}, {id("layer", k), "current"}});
        g.wires.push_back({{id("drive", k), "current"}, {id("layer", (k + 1) % 50), "current"}});
    }
    return doc;
}

} // namespace

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QTemporaryDir dir;
    const QString files[2] = {dir.filePath(QStringLiteral("a.json")), dir.filePath(QStringLiteral("b.json"))};
    for (int v = 0; v < 2; ++v) app::saveDocument(bigDocument(v), files[v]);

    app::MainWindow window(dir.filePath(QStringLiteral("recovery.json")));
    window.prompts().unsavedChanges = [](const QString&) { return app::MainWindow::Prompts::Unsaved::Discard; };
    window.resize(1600, 1000);
    window.show();
    QCoreApplication::processEvents();
    std::vector<double> ms;
    for (int run = 0; run < 7; ++run) {
        QElapsedTimer t;
        t.start();
        const bool ok = window.openFile(files[run % 2]);
        QCoreApplication::processEvents();
        ms.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        if (!ok) {
            std::fprintf(stderr, "open failed\n");
            return 1;
        }
    }
    std::sort(ms.begin(), ms.end());
    const auto& g = window.document().graph();
    std::printf("open a %zu-node, %zu-wire document (parse, validate, infer shapes, draw): median %.1f ms, max %.1f ms"
                " (target 500 ms); %zu problems\n",
                g.nodes.size(), g.wires.size(), ms[ms.size() / 2], ms.back(), window.document().problems().size());
    return 0;
}
