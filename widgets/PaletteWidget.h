#pragma once
// The palette of node types: a search field above a tree of the catalogue's declarations grouped by
// category. An entry is dragged onto the canvas as MIME data carrying its type id, or activated
// (double-click, Enter) to be added at the centre of the view.
#include "models/NodeSpec.h"

#include <QStringList>
#include <QWidget>

#include <vector>

class QLabel;
class QLineEdit;
class QMimeData;
class QTreeWidget;
class QTreeWidgetItem;

namespace ss::widgets {

class PaletteWidget : public QWidget {
    Q_OBJECT
public:
    // MIME type of a dragged entry; the data is the type id in UTF-8.
    static constexpr const char* kMimeType = "application/x-spikestudio-node-type";

    explicit PaletteWidget(const std::vector<models::NodeSpec>& specs, QWidget* parent = nullptr);

    // Type ids of the entries the search leaves visible, in display order.
    QStringList visibleTypes() const;
    QTreeWidget* tree() const { return m_tree; }
    QLineEdit* searchField() const { return m_search; }
    // The data a drag of this entry carries (caller owns it); nullptr for an unknown type.
    QMimeData* mimeDataFor(const QString& typeId) const;

signals:
    void activated(const QString& typeId);

protected:
    bool eventFilter(QObject* watched, QEvent* event) override;

private:
    void applyFilter(const QString& text);
    QTreeWidgetItem* itemFor(const QString& typeId) const;

    QLineEdit* m_search = nullptr;
    QTreeWidget* m_tree = nullptr;
    QLabel* m_noMatch = nullptr;
};

} // namespace ss::widgets
