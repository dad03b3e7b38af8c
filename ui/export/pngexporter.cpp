#include "export/pngexporter.h"

#include "window/dashboard.h"
#include "window/statsstrip.h"
#include "formats/outputset.h"
#include "engine/recorder.h"
#include "run/summarizer.h"
#include "stats/statistics.h"

#include <QApplication>
#include <QBuffer>
#include <QImageWriter>
#include <QPainter>
#include <QSplitterHandle>
#include <QTabBar>
#include <QWidget>

#include <functional>

QImage PngExporter::render(QWidget *widget, qreal scale)
{
    QImage image(widget->size() * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(widget->palette().color(QPalette::Window));
    // Controls are not part of the picture: tab bars and splitter handles step out for the
    // render. Hidden and shown again before any event is processed, so the layout never
    // sees them go (the space they take stays blank).
    QList<QWidget *> chrome;
    for (QWidget *child : widget->findChildren<QWidget *>()) {
        if ((qobject_cast<QTabBar *>(child) || qobject_cast<QSplitterHandle *>(child)) && child->isVisible())
            chrome << child;
    }
    for (QWidget *child : std::as_const(chrome))
        child->setVisible(false);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::TextAntialiasing);
    widget->render(&painter);
    painter.end();
    for (QWidget *child : std::as_const(chrome))
        child->setVisible(true);
    return image;
}

bool PngExporter::encode(const QImage &image, QByteArray *png, QString *error)
{
    if (image.isNull()) {
        *error = QObject::tr("nothing to export: the image is empty");
        return false;
    }
    png->clear();
    QBuffer buffer(png);
    buffer.open(QIODevice::WriteOnly);
    QImageWriter writer(&buffer, "png");
    if (!writer.write(image)) {
        *error = QObject::tr("cannot encode the PNG image: %1").arg(writer.errorString());
        return false;
    }
    return true;
}

bool PngExporter::save(const QImage &image, const QString &path, QString *error)
{
    QByteArray png;
    return encode(image, &png, error) && OutputSet::writeFile(path, png, error);
}

namespace {
// Shows widget offscreen at size so that every child is laid out, then renders it.
QImage renderOffscreen(QWidget *widget, QSize size, const std::function<void()> &afterLayout)
{
    widget->setAttribute(Qt::WA_DontShowOnScreen);
    widget->resize(size);
    widget->show();
    QApplication::processEvents();
    afterLayout();
    QApplication::processEvents();
    QImage image = PngExporter::render(widget, 1.0);
    if (image.size() != size) // asked for less than the widget's minimum size
        image = image.scaled(size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    return image;
}
} // namespace

bool PngExporter::encodeRun(const LoadedRun &run, QSize size, QByteArray *png, QString *error)
{
    Dashboard dashboard;
    dashboard.setRecorder(run.recorder, run.startNs, qint64(run.config.intervalMs) * 1000000);
    Summary summary = Summarizer::summarize(*run.recorder, run.config, run.startNs, run.endNs);
    if (!run.program.isEmpty()) {
        Summarizer::setProgram(&summary, run.program, run.runtime);
        dashboard.stats()->setModeText(run.runtime);
        dashboard.setDescription(run.description);
    }
    dashboard.setSummary(summary, run.config, run.config.mode);
    const QImage image = renderOffscreen(&dashboard, size, [&] {
        dashboard.refreshCharts(run.endNs);
        dashboard.fitTimeline();
        dashboard.setLive(false); // the whole run, now that its end is known
        QApplication::processEvents();
        dashboard.alignPlots(); // the chart has laid out its axes for this run by now
        QApplication::processEvents();
        dashboard.refreshCharts(run.endNs);
    });
    return encode(image, png, error);
}

bool PngExporter::exportRun(const LoadedRun &run, const QString &path, QSize size, QString *error)
{
    QByteArray png;
    return encodeRun(run, size, &png, error) && OutputSet::writeFile(path, png, error);
}
