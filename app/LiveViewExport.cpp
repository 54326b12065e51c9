// Exporting the live views (LiveViews.h): "Export..." on one view, and every open view at once.
#include "app/LiveViews.h"

#include "widgets/AccuracyView.h"
#include "widgets/ConfusionMatrixView.h"
#include "widgets/HistogramView.h"
#include "widgets/InputView.h"
#include "widgets/RateView.h"
#include "widgets/ReceptiveFieldView.h"
#include "widgets/SpikeRasterView.h"
#include "widgets/StdpWindowView.h"
#include "widgets/TraceView.h"

#include <QDir>
#include <QMainWindow>
#include <QMessageBox>

#include <stdexcept>

namespace ss::app {

std::vector<std::pair<QString, const widgets::ExportableView*>> LiveViews::exportableViews() const
{
    std::vector<std::pair<QString, const widgets::ExportableView*>> out;
    for (const View& v : m_views) {
        if (v.raster) out.emplace_back(v.node + QStringLiteral("_raster"), v.raster);
        if (v.rate) out.emplace_back(v.node + QStringLiteral("_rate"), v.rate);
        if (v.trace) out.emplace_back(v.node + QStringLiteral("_trace"), v.trace);
        if (v.fields) out.emplace_back(v.node + QStringLiteral("_fields"), v.fields);
        if (v.window) out.emplace_back(v.node + QStringLiteral("_window"), v.window);
        if (v.histogram) out.emplace_back(v.node + (v.raster ? QStringLiteral("_rates") : QStringLiteral("_histogram")), v.histogram);
    }
    if (m_accuracy) out.emplace_back(QStringLiteral("accuracy"), m_accuracy);
    if (m_confusion) out.emplace_back(QStringLiteral("confusion"), m_confusion);
    if (m_input) out.emplace_back(QStringLiteral("input"), m_input);
    return out;
}

QStringList LiveViews::exportAll(const QString& dir, const widgets::FigureExportRequest& request) const
{
    if (!QDir().mkpath(dir)) throw std::runtime_error("cannot create the figure folder " + dir.toStdString());
    const QDir out(dir);
    QStringList written;
    for (const auto& [stem, view] : exportableViews()) {
        const QString path = out.filePath(stem + QLatin1Char('.') + widgets::figureSuffix(request.spec.format));
        QString error;
        if (!view->exportFigure(path, request.spec, &error)) throw std::runtime_error(error.toStdString());
        written << path;
        if (!request.csv) continue;
        const QString csv = out.filePath(stem + QStringLiteral(".csv"));
        if (!view->writeCsv(csv)) throw std::runtime_error("cannot write " + csv.toStdString());
        written << csv;
    }
    return written;
}

bool LiveViews::exportView(const widgets::ExportableView& view, const QString& stem)
{
    widgets::FigureExportRequest request = exportSettings;
    const bool accepted = exportDialog ? exportDialog(request)
                                       : widgets::FigureExportDialog::ask(&m_window, tr("Export %1").arg(stem), request);
    if (!accepted) return false;
    exportSettings = request;
    const QString suggestion = QDir::current().filePath(stem + QLatin1Char('.') + widgets::figureSuffix(request.spec.format));
    QString path = exportFileName(suggestion);
    if (path.isEmpty()) return false;
    // The format chosen in the dialog decides the suffix.
    const QString suffix = QLatin1Char('.') + widgets::figureSuffix(request.spec.format);
    if (!path.endsWith(suffix, Qt::CaseInsensitive)) path += suffix;
    QString error;
    bool ok = view.exportFigure(path, request.spec, &error);
    if (ok && request.csv && !view.writeCsv(widgets::csvPathFor(path))) {
        ok = false;
        error = tr("cannot write %1").arg(widgets::csvPathFor(path));
    }
    if (ok) emit statusMessage(tr("Exported %1").arg(path));
    else if (!exportDialog) QMessageBox::warning(&m_window, tr("Export"), error);
    else qWarning("%s", qPrintable(error));
    return ok;
}

} // namespace ss::app
