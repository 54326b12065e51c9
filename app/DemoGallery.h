#pragma once
// The welcome page: one card per bundled demo (app/DemoCatalogue.h) with its thumbnail, title and
// what it shows; clicking a card asks the window to open that demo. Shown at start when no file is
// given and by Help > Demos.
#include "app/DemoCatalogue.h"

#include <QWidget>

class QGridLayout;
class QLabel;

namespace ss::app {

class DemoGallery : public QWidget {
    Q_OBJECT
public:
    explicit DemoGallery(QWidget* parent = nullptr);

    // Reads the list of demos again (from `root`, default resourceRoot()); a broken list is shown as
    // its message instead of cards.
    void reload(const QString& root = resourceRoot());
    const std::vector<Demo>& demos() const { return m_demos; }
    // The card of a demo (object name "DemoCard_<name>"), for tests; nullptr if none.
    QWidget* card(const QString& name) const;

signals:
    void demoChosen(const QString& name);

protected:
    void resizeEvent(QResizeEvent* event) override;

private:
    QWidget* makeCard(const Demo& demo);
    // Places the cards in as many columns as the width allows.
    void arrange();

    std::vector<Demo> m_demos;
    QGridLayout* m_grid = nullptr;
    QLabel* m_message = nullptr;
    std::vector<QWidget*> m_cards;
    int m_columns = 0;
};

} // namespace ss::app
