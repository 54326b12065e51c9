#include "app/PresenterMode.h"

#include "app/LessonPanel.h"
#include "widgets/NodeGraphView.h"
#include "widgets/PlotStyle.h"

#include <QAction>
#include <QComboBox>
#include <QMainWindow>

#include <qcustomplot.h>

namespace ss::app {

namespace {

// Slower than the run panel's own presets: an action potential or one STDP pair followed by eye.
constexpr double kSlowMotion[] = {0.001, 0.003, 0.03};

} // namespace

PresenterMode::PresenterMode(QMainWindow& window, LessonPanel& lesson, QComboBox& speed)
    : QObject(&window), m_window(window), m_lesson(lesson), m_speed(speed)
{
    m_action = new QAction(tr("&Presenter Mode"), this);
    m_action->setObjectName(QStringLiteral("PresenterModeAction"));
    m_action->setCheckable(true);
    m_action->setShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P));
    m_action->setToolTip(tr("Larger fonts and lines, the lesson at full height and slow-motion speeds"));
    connect(m_action, &QAction::toggled, this, &PresenterMode::setOn);
}

void PresenterMode::setOn(bool on)
{
    if (on == m_on) return;
    m_on = on;
    m_action->setChecked(on);
    // Set on the window, the font reaches every widget in it (docks, menus, the lesson) that does not
    // choose its own; off, the window inherits the application font again.
    if (on) {
        const QFont base = m_window.font();
        QFont font = base;
        if (base.pointSizeF() > 0.0) font.setPointSizeF(base.pointSizeF() * kScale);
        else font.setPixelSize(static_cast<int>(base.pixelSize() * kScale));
        m_window.setFont(font);
    } else {
        m_window.setFont(QFont());
    }
    widgets::setPresenterScale(on ? kScale : 1.0);
    restylePlots();
    // The canvas too: node titles, port labels, ports and wires.
    for (widgets::NodeGraphView* canvas : m_window.findChildren<widgets::NodeGraphView*>()) canvas->restyle();

    // The right dock area (the lesson's) runs from the top of the window to the bottom.
    const Qt::Corner corners[2] = {Qt::TopRightCorner, Qt::BottomRightCorner};
    for (int i = 0; i < 2; ++i) {
        if (on) m_cornersBefore[i] = m_window.corner(corners[i]);
        m_window.setCorner(corners[i], on ? Qt::RightDockWidgetArea : m_cornersBefore[i]);
    }
    if (on && m_lesson.hasLesson()) {
        m_lesson.show();
        m_lesson.raise();
    }
    setSlowMotionPresets(on);
}

void PresenterMode::setSlowMotionPresets(bool on)
{
    if (on) {
        m_speedBefore = m_speed.currentData().toDouble();
        for (double factor : kSlowMotion) {
            // Keep the list ordered: before the first preset that is faster (0, "as fast as possible", last).
            int at = 0;
            while (at < m_speed.count() && m_speed.itemData(at).toDouble() > 0.0 && m_speed.itemData(at).toDouble() < factor) ++at;
            m_speed.insertItem(at, tr("%1x real time (slow motion)").arg(factor), factor);
            m_speed.setItemData(at, true, Qt::UserRole + 1);
        }
        m_speed.setCurrentIndex(m_speed.findData(kPresenterSpeed));
        return;
    }
    for (int i = m_speed.count() - 1; i >= 0; --i)
        if (m_speed.itemData(i, Qt::UserRole + 1).toBool()) m_speed.removeItem(i);
    const int before = m_speed.findData(m_speedBefore);
    if (before >= 0) m_speed.setCurrentIndex(before);
}

void PresenterMode::restylePlots()
{
    for (QCustomPlot* plot : m_window.findChildren<QCustomPlot*>()) {
        widgets::applyPlotFonts(*plot);
        plot->replot(QCustomPlot::rpQueuedReplot);
    }
}

} // namespace ss::app
