#include "app/LessonPanel.h"

#include "app/DemoCatalogue.h"

#include <QFile>
#include <QTextBrowser>

namespace ss::app {

LessonPanel::LessonPanel(QWidget* parent) : QDockWidget(tr("Lesson"), parent)
{
    setObjectName(QStringLiteral("LessonDock"));
    setFeatures(QDockWidget::DockWidgetMovable | QDockWidget::DockWidgetFloatable | QDockWidget::DockWidgetClosable);
    m_text = new QTextBrowser(this);
    m_text->setObjectName(QStringLiteral("LessonText"));
    m_text->setOpenExternalLinks(true);
    m_text->setMinimumWidth(300);
    m_text->document()->setDocumentMargin(12);
    setWidget(m_text);
}

bool LessonPanel::showFor(const QString& documentPath) { return showLesson(lessonPathFor(documentPath)); }

bool LessonPanel::showLesson(const QString& lessonPath)
{
    QFile file(lessonPath);
    if (lessonPath.isEmpty() || !file.open(QIODevice::ReadOnly | QIODevice::Text)) {
        m_path.clear();
        m_text->clear();
        hide();
        return false;
    }
    m_path = lessonPath;
    m_text->setMarkdown(QString::fromUtf8(file.readAll()));
    show();
    raise();
    return true;
}

QString LessonPanel::text() const { return m_text->toPlainText(); }

} // namespace ss::app
