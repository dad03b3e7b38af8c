#include "compare/comparisonexporter.h"

#include "compare/comparisonview.h"
#include "export/pngexporter.h"

QImage ComparisonExporter::render(const QVector<Comparison::Result> &results, const RunConfig &base, QSize size,
                                  bool logScale)
{
    ComparisonView view;
    view.prepareOffscreen();
    view.setLogScale(logScale);
    view.resize(size);
    view.setResults(results, base);
    view.settle(size);
    QImage image = PngExporter::render(&view, 1.0);
    if (image.size() != size) // asked for less than the view's minimum size
        image = image.scaled(size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    return image;
}

bool ComparisonExporter::encodePng(const QVector<Comparison::Result> &results, const RunConfig &base, QSize size,
                                   QByteArray *png, QString *error)
{
    return PngExporter::encode(render(results, base, size), png, error);
}

bool ComparisonExporter::exportPng(const QVector<Comparison::Result> &results, const RunConfig &base,
                                   const QString &path, QSize size, QString *error)
{
    return PngExporter::save(render(results, base, size), path, error);
}
