#pragma once
// Presenter mode (View > Presenter mode), for teaching in a lecture hall: the window's font, every
// plot's fonts and line widths and the canvas's nodes, port labels and wires grow by kScale
// (widgets/PlotStyle.h, NodeGraphView::restyle()), the right dock area - where the
// lesson is - takes the full height of the window, and the speed box offers slow-motion presets down
// to 0.001x real time, starting at 0.01x. Turning it off restores fonts, corners and speed.
#include <QObject>

class QAction;
class QComboBox;
class QMainWindow;

namespace ss::app {

class LessonPanel;

class PresenterMode : public QObject {
    Q_OBJECT
public:
    static constexpr double kScale = 1.5;
    static constexpr double kPresenterSpeed = 0.01; // chosen when presenter mode starts

    PresenterMode(QMainWindow& window, LessonPanel& lesson, QComboBox& speed);
    // The checkable menu action that toggles the mode.
    QAction* action() const { return m_action; }
    bool isOn() const { return m_on; }
    void setOn(bool on);

private:
    void setSlowMotionPresets(bool on);
    void restylePlots();

    QMainWindow& m_window;
    LessonPanel& m_lesson;
    QComboBox& m_speed;
    QAction* m_action = nullptr;
    bool m_on = false;
    double m_speedBefore = 0.0;
    Qt::DockWidgetArea m_cornersBefore[2] = {Qt::TopDockWidgetArea, Qt::BottomDockWidgetArea};
};

} // namespace ss::app
