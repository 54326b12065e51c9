// The accuracy dock of a protocol run (LiveViews.h): the accuracy curve against the samples shown,
// train, label and test one after the other on the axis (so the test curve starts where labelling
// ended; a test of a saved state starts at 0), and the confusion matrix of the test, filled as the
// test runs (at the views' refresh rate, from the counts the controller keeps sample by sample) and
// replaced by the protocol's result when it finishes.
#include "app/LiveViews.h"

#include "widgets/AccuracyView.h"
#include "widgets/ConfusionMatrixView.h"
#include "widgets/ReceptiveFieldView.h"

#include <qcustomplot.h>

#include <QDockWidget>
#include <QMainWindow>
#include <QSplitter>

#include <algorithm>
#include <map>

namespace ss::app {

void LiveViews::addProtocolDock()
{
    const ProtocolInfo& info = m_controller->protocolInfo();
    m_accuracy = new widgets::AccuracyView;
    m_accuracy->setClasses(info.classes);
    m_accuracy->setTitle(tr("accuracy (chance %1 %)").arg(100.0 / info.classes, 0, 'g', 3));
    m_accuracy->plot()->xAxis->setLabel(tr("samples shown (train, label, test)"));
    addExportMenu(m_accuracy->plot(), QStringLiteral("accuracy"), m_accuracy);
    m_confusion = new widgets::ConfusionMatrixView;
    m_confusion->setTitle(tr("test"));
    m_confusion->setMatrix(info.classes, {});
    addExportMenu(m_confusion, QStringLiteral("confusion"), m_confusion);
    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(m_accuracy);
    split->addWidget(m_confusion);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setSizes({600, 400});
    m_accuracyDock = new QDockWidget(tr("accuracy"), &m_window);
    m_accuracyDock->setObjectName(QStringLiteral("live:accuracy"));
    m_accuracyDock->setWidget(split);
    m_accuracyDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                                QDockWidget::DockWidgetClosable);
    m_window.addDockWidget(Qt::BottomDockWidgetArea, m_accuracyDock);
    if (!m_views.empty()) m_window.splitDockWidget(m_views.front().dock, m_accuracyDock, Qt::Horizontal);
    m_shownAccuracy = 0;
    m_shownConfusion = 0;
    m_shownResult = false;
}

void LiveViews::removeProtocolDock()
{
    if (!m_accuracyDock) return;
    m_window.removeDockWidget(m_accuracyDock);
    delete m_accuracyDock;
    m_accuracyDock = nullptr;
    m_accuracy = nullptr;
    m_confusion = nullptr;
}

void LiveViews::refreshProtocol()
{
    if (!m_accuracy || !m_controller) return;
    refreshAccuracy();
    refreshConfusion();
}

void LiveViews::refreshConfusion()
{
    // The test so far, until the result of the finished run is on show.
    const std::uint64_t version = m_controller->confusionVersion();
    if (m_shownResult || version == m_shownConfusion) return;
    m_shownConfusion = version;
    const Eigen::ArrayXXi counts = m_controller->testConfusion();
    const auto n = static_cast<int>(counts.rows());
    if (n == 0 || n != counts.cols()) {
        m_confusion->clear(); // a new run, before its test
        m_confusion->setTitle(tr("test"));
        return;
    }
    std::vector<int> cells(static_cast<std::size_t>(n * n));
    for (int i = 0; i < n; ++i)
        for (int j = 0; j < n; ++j) cells[static_cast<std::size_t>(i * n + j)] = counts(i, j);
    m_confusion->setMatrix(n, cells);
    const ProtocolStatus status = m_controller->protocolStatus();
    if (status.phase == "test")
        m_confusion->setTitle(tr("test %1 / %2").arg(status.sample).arg(status.total));
}

void LiveViews::refreshAccuracy()
{
    const std::uint64_t version = m_controller->accuracyVersion();
    if (version == m_shownAccuracy) return;
    m_shownAccuracy = version;
    const ProtocolInfo& info = m_controller->protocolInfo();
    const std::map<std::string, double> offset = {{"train", 0.0},
                                                  {"label", static_cast<double>(info.train)},
                                                  {"test", m_controller->testedFromState() ? 0.0 : static_cast<double>(info.train + info.label)}};
    // Train first, so that it keeps the first colour of the palette.
    std::vector<std::pair<std::string, std::pair<std::vector<double>, std::vector<double>>>> curves = {{"train", {}}, {"test", {}}};
    for (const models::AccuracyPoint& p : m_controller->accuracyCurve()) {
        auto it = std::find_if(curves.begin(), curves.end(), [&](const auto& c) { return c.first == p.phase; });
        if (it == curves.end()) it = curves.insert(curves.end(), {p.phase, {}});
        auto& c = it->second;
        const auto at = offset.find(p.phase);
        c.first.push_back((at == offset.end() ? 0.0 : at->second) + static_cast<double>(p.seen));
        c.second.push_back(100.0 * p.accuracy);
    }
    for (const auto& [phase, c] : curves) m_accuracy->setCurve(QString::fromStdString(phase), c.first, c.second);
    const auto result = m_controller->protocolResult();
    if (result && result->confusion.size() > 0) {
        const auto n = static_cast<int>(result->confusion.rows());
        std::vector<int> counts(static_cast<std::size_t>(n * n));
        for (int i = 0; i < n; ++i)
            for (int j = 0; j < n; ++j) counts[static_cast<std::size_t>(i * n + j)] = result->confusion(i, j);
        m_confusion->setMatrix(n, counts);
        // The class vote keeps the plain title; another readout names itself ("ridge: 77.0 %").
        const QString readout = QString::fromStdString(result->readout).remove(QStringLiteral("readout."));
        const QString accuracy = QString::number(100.0 * result->accuracy, 'f', 1);
        m_confusion->setTitle(readout.isEmpty() || readout == QStringLiteral("vote") ? tr("test accuracy %1 %").arg(accuracy)
                                                                                  : tr("%1: %2 %").arg(readout, accuracy));
        m_shownResult = true;
        showAssignments(result->assignments);
    } else if (m_shownResult) {
        m_confusion->clear();
        m_confusion->setTitle(tr("test"));
        showAssignments({});
        m_shownResult = false;
    }
}

void LiveViews::clearProtocol()
{
    if (!m_accuracy) return;
    m_accuracy->clear();
    m_confusion->clear();
    m_confusion->setTitle(tr("test"));
    m_shownResult = false;
    m_shownAccuracy = 0;
    m_shownConfusion = 0;
}

void LiveViews::showAssignments(const std::vector<int>& assignments)
{
    // The class each neuron of the readout layer was assigned to (Diehl & Cook 2015), under its field
    // in the weight monitors of projections onto that layer; "-" for a neuron that never fired. None
    // removes the captions.
    const std::string& readout = m_controller->protocolInfo().readoutLayer;
    QStringList captions;
    for (int c : assignments) captions << (c < 0 ? QStringLiteral("-") : QString::number(c));
    for (View& v : m_views)
        if (v.fields && v.channel->population == readout && (captions.isEmpty() || v.fields->fieldCount() == captions.size()))
            v.fields->setLabels(captions);
}

} // namespace ss::app
