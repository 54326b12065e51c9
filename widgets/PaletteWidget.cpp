#include "widgets/PaletteWidget.h"

#include "widgets/PlotStyle.h"

#include <QDrag>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QMimeData>
#include <QPainter>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace ss::widgets {

namespace {

constexpr int kTypeRole = Qt::UserRole;         // the type id of an entry; empty for a category
constexpr int kSearchRole = Qt::UserRole + 1;   // name, id and help, searched case-insensitively

QString typeOf(const QTreeWidgetItem* item) { return item ? item->data(0, kTypeRole).toString() : QString(); }

// The tree with drag support: dragging an entry carries its type id and only ever copies, so that a
// drop accepted as a move cannot take the entry out of the palette.
class PaletteTree : public QTreeWidget {
public:
    using QTreeWidget::QTreeWidget;

    QStringList mimeTypes() const override { return {QString::fromLatin1(PaletteWidget::kMimeType)}; }

    QMimeData* mimeData(const QList<QTreeWidgetItem*>& items) const override
    {
        if (items.size() != 1 || typeOf(items.first()).isEmpty()) return nullptr;
        auto* mime = new QMimeData;
        mime->setData(QString::fromLatin1(PaletteWidget::kMimeType), typeOf(items.first()).toUtf8());
        return mime;
    }

protected:
    Qt::DropActions supportedDropActions() const override { return Qt::CopyAction; }

    void startDrag(Qt::DropActions) override
    {
        const QList<QTreeWidgetItem*> items = selectedItems();
        QMimeData* mime = mimeData(items);
        if (!mime) return;
        auto* drag = new QDrag(this);
        drag->setMimeData(mime);
        drag->setPixmap(dragPixmap(items.first()->text(0)));
        drag->setHotSpot(QPoint(12, drag->pixmap().height() / 2));
        drag->exec(Qt::CopyAction, Qt::CopyAction);
    }

private:
    // A small tag with the node's name under the cursor while dragging.
    QPixmap dragPixmap(const QString& text) const
    {
        const QFontMetrics fm(font());
        const QSize size(fm.horizontalAdvance(text) + 20, fm.height() + 10);
        const qreal ratio = devicePixelRatioF();
        QPixmap pixmap(size * ratio);
        pixmap.setDevicePixelRatio(ratio);
        pixmap.fill(Qt::transparent);
        QPainter painter(&pixmap);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(QPen(paletteColour(0), 1.2));
        painter.setBrush(QColor(255, 255, 255, 235));
        painter.drawRoundedRect(QRectF(QPointF(0.5, 0.5), QSizeF(size) - QSizeF(1, 1)), 5, 5);
        painter.setPen(QColor(0x20, 0x20, 0x20));
        painter.setFont(font());
        painter.drawText(QRect(QPoint(0, 0), size), Qt::AlignCenter, text);
        return pixmap;
    }
};

} // namespace

PaletteWidget::PaletteWidget(const std::vector<models::NodeSpec>& specs, QWidget* parent) : QWidget(parent)
{
    m_search = new QLineEdit(this);
    m_search->setPlaceholderText(QStringLiteral("Search node types"));
    m_search->setClearButtonEnabled(true);
    m_search->installEventFilter(this);

    m_tree = new PaletteTree(this);
    m_tree->setHeaderHidden(true);
    m_tree->setColumnCount(1);
    m_tree->setUniformRowHeights(true);
    m_tree->setIndentation(14);
    m_tree->setSelectionMode(QAbstractItemView::SingleSelection);
    m_tree->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_tree->setDragEnabled(true);
    m_tree->setDragDropMode(QAbstractItemView::DragOnly);
    m_tree->setDefaultDropAction(Qt::CopyAction);
    m_tree->installEventFilter(this);

    const models::Category order[] = {models::Category::Source,   models::Category::Encoder,
                                      models::Category::Layer,    models::Category::Synapses,
                                      models::Category::LearningRule, models::Category::Readout,
                                      models::Category::Monitor};
    for (const models::Category category : order) {
        QTreeWidgetItem* group = nullptr;
        for (const auto& spec : specs) {
            if (spec.category != category) continue;
            if (!group) {
                group = new QTreeWidgetItem(m_tree, {QString::fromStdString(models::toString(category))});
                group->setFlags(Qt::ItemIsEnabled);
                QFont bold = m_tree->font();
                bold.setBold(true);
                group->setFont(0, bold);
            }
            const QString id = QString::fromStdString(spec.id);
            const QString name = QString::fromStdString(spec.name);
            const QString help = QString::fromStdString(spec.help);
            auto* item = new QTreeWidgetItem(group, {name});
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsDragEnabled);
            item->setData(0, kTypeRole, id);
            item->setData(0, kSearchRole, name + QLatin1Char('\n') + id + QLatin1Char('\n') + help);
            item->setToolTip(0, QStringLiteral("<p><b>%1</b> <span style=\"color:#606060\">%2</span></p><p>%3</p>")
                                    .arg(name.toHtmlEscaped(), id.toHtmlEscaped(), help.toHtmlEscaped()));
        }
        if (group) group->setExpanded(true);
    }
    connect(m_tree, &QTreeWidget::itemDoubleClicked, this, [this](QTreeWidgetItem* item) {
        if (!typeOf(item).isEmpty()) emit activated(typeOf(item));
    });

    m_noMatch = new QLabel(this);
    QPalette grey = m_noMatch->palette();
    grey.setColor(QPalette::WindowText, QColor(0x60, 0x60, 0x60));
    m_noMatch->setPalette(grey);
    m_noMatch->setWordWrap(true);
    m_noMatch->hide();

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addWidget(m_search);
    layout->addWidget(m_noMatch);
    layout->addWidget(m_tree, 1);

    connect(m_search, &QLineEdit::textChanged, this, &PaletteWidget::applyFilter);
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        const QStringList shown = visibleTypes();
        if (shown.size() == 1) emit activated(shown.first());
    });
}

void PaletteWidget::applyFilter(const QString& text)
{
    const QString needle = text.trimmed();
    int matches = 0;
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem* group = m_tree->topLevelItem(g);
        int shown = 0;
        for (int i = 0; i < group->childCount(); ++i) {
            QTreeWidgetItem* item = group->child(i);
            const bool match = item->data(0, kSearchRole).toString().contains(needle, Qt::CaseInsensitive);
            item->setHidden(!match);
            shown += match ? 1 : 0;
        }
        group->setHidden(shown == 0);
        if (!needle.isEmpty()) group->setExpanded(true);
        matches += shown;
    }
    m_noMatch->setText(QStringLiteral("No node type matches \u201c%1\u201d.").arg(needle));
    m_noMatch->setVisible(matches == 0);
    // A single match becomes current, so that Enter or a double-click on it is all that is left.
    const QStringList shown = visibleTypes();
    if (shown.size() == 1) m_tree->setCurrentItem(itemFor(shown.first()));
}

QStringList PaletteWidget::visibleTypes() const
{
    QStringList types;
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        const QTreeWidgetItem* group = m_tree->topLevelItem(g);
        if (group->isHidden()) continue;
        for (int i = 0; i < group->childCount(); ++i)
            if (!group->child(i)->isHidden()) types << typeOf(group->child(i));
    }
    return types;
}

QTreeWidgetItem* PaletteWidget::itemFor(const QString& typeId) const
{
    for (int g = 0; g < m_tree->topLevelItemCount(); ++g) {
        QTreeWidgetItem* group = m_tree->topLevelItem(g);
        for (int i = 0; i < group->childCount(); ++i)
            if (typeOf(group->child(i)) == typeId) return group->child(i);
    }
    return nullptr;
}

QMimeData* PaletteWidget::mimeDataFor(const QString& typeId) const
{
    QTreeWidgetItem* item = itemFor(typeId);
    return item ? static_cast<PaletteTree*>(m_tree)->mimeData({item}) : nullptr;
}

bool PaletteWidget::eventFilter(QObject* watched, QEvent* event)
{
    if (event->type() != QEvent::KeyPress) return QWidget::eventFilter(watched, event);
    const int key = static_cast<QKeyEvent*>(event)->key();
    if (watched == m_search && key == Qt::Key_Down) {
        // From the search field straight into the matches.
        const QStringList shown = visibleTypes();
        if (!shown.isEmpty()) {
            m_tree->setFocus();
            if (typeOf(m_tree->currentItem()).isEmpty() || m_tree->currentItem()->isHidden())
                m_tree->setCurrentItem(itemFor(shown.first()));
            return true;
        }
    } else if (watched == m_tree && (key == Qt::Key_Return || key == Qt::Key_Enter)) {
        const QString type = typeOf(m_tree->currentItem());
        if (!type.isEmpty()) {
            emit activated(type);
            return true;
        }
    }
    return QWidget::eventFilter(watched, event);
}

} // namespace ss::widgets
