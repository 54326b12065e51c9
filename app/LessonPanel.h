#pragma once
// The lesson beside the canvas (a dock, object name "LessonDock"): the Markdown lesson of the open
// demo (app/DemoCatalogue.h) - what the network is, what to watch, things to try, the equation or rule
// and its reference. Hidden when the open document has no lesson.
#include <QDockWidget>

class QTextBrowser;

namespace ss::app {

class LessonPanel : public QDockWidget {
    Q_OBJECT
public:
    explicit LessonPanel(QWidget* parent = nullptr);

    // Shows the lesson of the document at `documentPath`; hides the dock (and returns false) when it
    // has none.
    bool showFor(const QString& documentPath);
    // Shows the Markdown file `lessonPath`; false (dock hidden) when it cannot be read.
    bool showLesson(const QString& lessonPath);
    bool hasLesson() const { return !m_path.isEmpty(); }
    QString lessonPath() const { return m_path; }
    // The lesson as plain text.
    QString text() const;
    QTextBrowser& browser() { return *m_text; }

private:
    QTextBrowser* m_text = nullptr;
    QString m_path;
};

} // namespace ss::app
