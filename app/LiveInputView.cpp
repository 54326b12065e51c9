// The input dock of a live run (LiveViews.h): the sample the encoder is shown and the encoder's spikes
// for it, from the controller's input snapshot (sim/LiveInputTap.h), redrawn when its version changes.
// In a protocol run that is the sample being presented (each repeat at raised intensity starts the
// counts again); in a plain run the source's sample 'index', its spikes counted since t = 0.
#include "app/LiveViews.h"

#include "widgets/InputView.h"

#include <QDockWidget>
#include <QMainWindow>

#include <mutex>

namespace ss::app {

namespace {

QString inputCaption(const sim::InputPresentation& p)
{
    QString text = p.phase.empty() ? LiveViews::tr("sample #%1").arg(static_cast<qulonglong>(p.index))
                                   : LiveViews::tr("%1 #%2").arg(QString::fromStdString(p.phase)).arg(static_cast<qulonglong>(p.index));
    if (p.label >= 0) text += LiveViews::tr(", label %1").arg(p.label);
    if (p.intensity != 1.0) text += LiveViews::tr(", intensity x%1").arg(p.intensity, 0, 'g', 3);
    return text;
}

} // namespace

void LiveViews::addInputDock()
{
    if (!m_controller || !m_controller->input()) return;
    const QString encoder = QString::fromStdString(m_controller->inputEncoder());
    m_input = new widgets::InputView;
    m_input->setTitle(tr("encoder %1").arg(encoder));
    addExportMenu(m_input, QStringLiteral("input"), m_input);
    m_inputDock = new QDockWidget(tr("input"), &m_window);
    m_inputDock->setObjectName(QStringLiteral("live:input"));
    m_inputDock->setWidget(m_input);
    m_inputDock->setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable |
                             QDockWidget::DockWidgetClosable);
    m_window.addDockWidget(Qt::BottomDockWidgetArea, m_inputDock);
    // Beside the accuracy of a protocol run, else beside the first live view.
    if (m_accuracyDock) m_window.splitDockWidget(m_accuracyDock, m_inputDock, Qt::Horizontal);
    else if (!m_views.empty()) m_window.splitDockWidget(m_views.front().dock, m_inputDock, Qt::Horizontal);
    m_shownInput = 0;
    refreshInput();
}

void LiveViews::removeInputDock()
{
    if (!m_inputDock) return;
    m_window.removeDockWidget(m_inputDock);
    delete m_inputDock;
    m_inputDock = nullptr;
    m_input = nullptr;
}

void LiveViews::refreshInput()
{
    sim::InputSnapshot* s = m_input && m_controller ? m_controller->input() : nullptr;
    if (!s || s->version.load(std::memory_order_acquire) == m_shownInput) return;
    sim::InputPresentation p;
    sim::Shape shape, encoder;
    sim::Step counted = 0;
    {
        // The version is read under the mutex, so that it names the data copied with it.
        std::lock_guard lock(s->mutex);
        m_shownInput = s->version.load(std::memory_order_acquire);
        p = s->presentation;
        shape = s->shape;
        encoder = s->encoderShape;
        counted = s->counted;
        m_inputValues.assign(s->values.begin(), s->values.end());
        m_inputCounts.assign(s->counts.begin(), s->counts.end());
    }
    m_input->setSample(inputCaption(p), p.label, m_inputValues, static_cast<int>(shape.channels),
                       static_cast<int>(shape.height), static_cast<int>(shape.width));
    // An encoder as large as its samples is drawn in their geometry.
    if (encoder.size() == shape.size()) encoder = shape;
    m_input->setSpikeCounts(m_inputCounts, static_cast<int>(encoder.channels), static_cast<int>(encoder.height),
                            static_cast<int>(encoder.width), static_cast<double>(counted) * m_dt);
}

} // namespace ss::app
