#pragma once
// The "Export..." dialog of the plot views: format (PNG, SVG, PDF), size in centimetres or inches,
// resolution (PNG only), font size, and whether the numbers behind the view go beside it as CSV.
#include "widgets/FigureFormat.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QSpinBox;

namespace ss::widgets {

struct FigureExportRequest {
    FigureSpec spec;
    bool csv = true; // also write the view's data, same name with .csv
};

class FigureExportDialog : public QDialog {
    Q_OBJECT
public:
    explicit FigureExportDialog(QWidget* parent = nullptr);

    void setRequest(const FigureExportRequest& request);
    FigureExportRequest request() const;

    // Shows the dialog modally starting from `request`; true (and `request` updated) on OK.
    static bool ask(QWidget* parent, const QString& title, FigureExportRequest& request);

private:
    void unitChanged();
    void formatChanged();

    QComboBox* m_format;
    QDoubleSpinBox* m_width;
    QDoubleSpinBox* m_height;
    QComboBox* m_unit;
    QSpinBox* m_dpi;
    QDoubleSpinBox* m_font;
    QCheckBox* m_csv;
    LengthUnit m_shownUnit = LengthUnit::Centimetre;
};

// The path of the CSV written beside a figure: the same name with .csv.
QString csvPathFor(const QString& figurePath);

} // namespace ss::widgets
