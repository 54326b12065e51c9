#include "widgets/FigureExportDialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QDir>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QSpinBox>

namespace ss::widgets {

namespace {

constexpr double kCmPerInch = 2.54;

} // namespace

FigureExportDialog::FigureExportDialog(QWidget* parent)
    : QDialog(parent), m_format(new QComboBox), m_width(new QDoubleSpinBox), m_height(new QDoubleSpinBox),
      m_unit(new QComboBox), m_dpi(new QSpinBox), m_font(new QDoubleSpinBox), m_csv(new QCheckBox(tr("Export data (CSV)")))
{
    setWindowTitle(tr("Export figure"));
    m_format->addItem(tr("PNG (raster)"), static_cast<int>(FigureFormat::Png));
    m_format->addItem(tr("SVG (vector)"), static_cast<int>(FigureFormat::Svg));
    m_format->addItem(tr("PDF (vector)"), static_cast<int>(FigureFormat::Pdf));
    m_format->setObjectName(QStringLiteral("format"));
    m_unit->setObjectName(QStringLiteral("unit"));
    m_unit->addItem(unitName(LengthUnit::Centimetre), static_cast<int>(LengthUnit::Centimetre));
    m_unit->addItem(unitName(LengthUnit::Inch), static_cast<int>(LengthUnit::Inch));
    for (QDoubleSpinBox* box : {m_width, m_height}) {
        box->setDecimals(2);
        box->setRange(0.5, 200.0);
        box->setSingleStep(0.5);
    }
    m_dpi->setRange(36, 2400);
    m_dpi->setSingleStep(50);
    m_dpi->setSuffix(tr(" dpi"));
    m_font->setDecimals(1);
    m_font->setRange(4.0, 36.0);
    m_font->setSingleStep(0.5);
    m_font->setSuffix(tr(" pt"));

    auto* size = new QHBoxLayout;
    size->addWidget(m_width);
    size->addWidget(new QLabel(QStringLiteral("\u00d7")));
    size->addWidget(m_height);
    size->addWidget(m_unit);
    auto* form = new QFormLayout(this);
    form->addRow(tr("Format"), m_format);
    form->addRow(tr("Size"), size);
    form->addRow(tr("Resolution"), m_dpi);
    form->addRow(tr("Font size"), m_font);
    form->addRow(QString(), m_csv);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_unit, &QComboBox::currentIndexChanged, this, &FigureExportDialog::unitChanged);
    connect(m_format, &QComboBox::currentIndexChanged, this, &FigureExportDialog::formatChanged);
    setRequest({});
}

void FigureExportDialog::setRequest(const FigureExportRequest& r)
{
    m_shownUnit = r.spec.unit;
    m_unit->setCurrentIndex(m_unit->findData(static_cast<int>(r.spec.unit)));
    m_width->setValue(r.spec.width);
    m_height->setValue(r.spec.height);
    m_dpi->setValue(r.spec.dpi);
    m_font->setValue(r.spec.fontPt);
    m_format->setCurrentIndex(m_format->findData(static_cast<int>(r.spec.format)));
    m_csv->setChecked(r.csv);
    formatChanged();
}

FigureExportRequest FigureExportDialog::request() const
{
    FigureExportRequest r;
    r.spec.format = static_cast<FigureFormat>(m_format->currentData().toInt());
    r.spec.unit = m_shownUnit;
    r.spec.width = m_width->value();
    r.spec.height = m_height->value();
    r.spec.dpi = m_dpi->value();
    r.spec.fontPt = m_font->value();
    r.csv = m_csv->isChecked();
    return r;
}

void FigureExportDialog::unitChanged()
{
    // The same figure in the other unit.
    const auto unit = static_cast<LengthUnit>(m_unit->currentData().toInt());
    if (unit == m_shownUnit) return;
    const double factor = unit == LengthUnit::Inch ? 1.0 / kCmPerInch : kCmPerInch;
    m_shownUnit = unit;
    m_width->setValue(m_width->value() * factor);
    m_height->setValue(m_height->value() * factor);
}

void FigureExportDialog::formatChanged()
{
    m_dpi->setEnabled(static_cast<FigureFormat>(m_format->currentData().toInt()) == FigureFormat::Png);
}

bool FigureExportDialog::ask(QWidget* parent, const QString& title, FigureExportRequest& request)
{
    FigureExportDialog dialog(parent);
    dialog.setWindowTitle(title);
    dialog.setRequest(request);
    if (dialog.exec() != QDialog::Accepted) return false;
    request = dialog.request();
    return true;
}

QString csvPathFor(const QString& figurePath)
{
    const QFileInfo info(figurePath);
    return info.dir().filePath(info.completeBaseName() + QStringLiteral(".csv"));
}

} // namespace ss::widgets
