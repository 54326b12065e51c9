#include "app/DemoGallery.h"

#include "app/DocumentIo.h"

#include <QFileInfo>
#include <QFrame>
#include <QGridLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPixmap>
#include <QScrollArea>
#include <QVBoxLayout>

#include <algorithm>
#include <functional>

namespace ss::app {

namespace {

constexpr int kThumbWidth = 240, kThumbHeight = 150;
constexpr int kCardWidth = kThumbWidth + 24, kSpacing = 18, kMargin = 32;

// A card that acts as one big button.
class DemoCard : public QFrame {
public:
    DemoCard(std::function<void()> onClick, QWidget* parent) : QFrame(parent), m_onClick(std::move(onClick))
    {
        setCursor(Qt::PointingHandCursor);
        setProperty("demoCard", true);
    }

protected:
    void mouseReleaseEvent(QMouseEvent* event) override
    {
        if (event->button() == Qt::LeftButton && rect().contains(event->position().toPoint())) m_onClick();
    }

private:
    std::function<void()> m_onClick;
};

} // namespace

DemoGallery::DemoGallery(QWidget* parent) : QWidget(parent)
{
    setObjectName(QStringLiteral("DemoGallery"));
    setStyleSheet(QStringLiteral("QFrame[demoCard=\"true\"] { background: white; border: 1px solid #c8c8c8; border-radius: 6px; }"
                                 "QFrame[demoCard=\"true\"]:hover { border: 1px solid #0072B2; }"));
    auto* outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto* scroll = new QScrollArea(this);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    outer->addWidget(scroll);

    auto* page = new QWidget(scroll);
    auto* layout = new QVBoxLayout(page);
    layout->setContentsMargins(kMargin, 24, kMargin, 24);
    auto* heading = new QLabel(tr("<h1>Welcome to SpikeStudio</h1><p>Open a demo to see a spiking network at work, with "
                                  "a lesson beside it: what the network is, what to watch and what to try. "
                                  "Or start from an empty canvas (File &gt; New) or your own document (File &gt; Open).</p>"),
                               page);
    heading->setWordWrap(true);
    layout->addWidget(heading);
    m_message = new QLabel(page);
    m_message->setWordWrap(true);
    m_message->hide();
    layout->addWidget(m_message);
    m_grid = new QGridLayout;
    m_grid->setSpacing(kSpacing);
    m_grid->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    layout->addLayout(m_grid);
    layout->addStretch(1);
    scroll->setWidget(page);
    reload();
}

void DemoGallery::reload(const QString& root)
{
    for (QWidget* card : m_cards) delete card;
    m_cards.clear();
    m_demos.clear();
    m_message->hide();
    try {
        m_demos = bundledDemos(root);
    } catch (const DocumentError& e) {
        m_message->setText(tr("The demos cannot be listed: %1").arg(QString::fromUtf8(e.what())));
        m_message->show();
    }
    for (const Demo& demo : m_demos) m_cards.push_back(makeCard(demo));
    m_columns = 0;
    arrange();
}

void DemoGallery::resizeEvent(QResizeEvent* event)
{
    QWidget::resizeEvent(event);
    arrange();
}

void DemoGallery::arrange()
{
    const int columns = std::max(1, (width() - 2 * kMargin - 20 + kSpacing) / (kCardWidth + kSpacing));
    if (columns == m_columns) return;
    m_columns = columns;
    for (QWidget* card : m_cards) m_grid->removeWidget(card);
    for (std::size_t i = 0; i < m_cards.size(); ++i)
        m_grid->addWidget(m_cards[i], static_cast<int>(i) / columns, static_cast<int>(i) % columns);
}

QWidget* DemoGallery::card(const QString& name) const
{
    return findChild<QWidget*>(QStringLiteral("DemoCard_") + name);
}

QWidget* DemoGallery::makeCard(const Demo& demo)
{
    const QString name = demo.name;
    auto* card = new DemoCard([this, name] { emit demoChosen(name); }, nullptr);
    card->setObjectName(QStringLiteral("DemoCard_") + name);
    card->setToolTip(tr("Open %1").arg(QFileInfo(demo.documentPath).fileName()));
    card->setFixedWidth(kCardWidth);
    auto* layout = new QVBoxLayout(card);
    auto* thumb = new QLabel(card);
    thumb->setFixedSize(kThumbWidth, kThumbHeight);
    thumb->setAlignment(Qt::AlignCenter);
    const QPixmap pixmap(demo.thumbnailPath);
    if (pixmap.isNull()) thumb->setText(tr("(no picture)"));
    else thumb->setPixmap(pixmap.scaled(thumb->size(), Qt::KeepAspectRatio, Qt::SmoothTransformation));
    layout->addWidget(thumb);
    auto* title = new QLabel(QStringLiteral("<b>%1</b>").arg(demo.title.toHtmlEscaped()), card);
    title->setWordWrap(true);
    layout->addWidget(title);
    auto* summary = new QLabel(demo.summary, card);
    summary->setWordWrap(true);
    summary->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    layout->addWidget(summary, 1);
    return card;
}

} // namespace ss::app
