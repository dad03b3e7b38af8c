#include "pngexporter.h"

#include "dashboard.h"
#include "recorder.h"
#include "session.h"

#include <QApplication>
#include <QImageWriter>
#include <QPainter>
#include <QSaveFile>
#include <QWidget>

QImage PngExporter::render(QWidget *widget, qreal scale)
{
    QImage image(widget->size() * scale, QImage::Format_ARGB32_Premultiplied);
    image.setDevicePixelRatio(scale);
    image.fill(widget->palette().color(QPalette::Window));
    QPainter painter(&image);
    painter.setRenderHint(QPainter::TextAntialiasing);
    widget->render(&painter);
    painter.end();
    return image;
}

bool PngExporter::save(const QImage &image, const QString &path, QString *error)
{
    if (image.isNull()) {
        *error = QObject::tr("nothing to export: the image is empty");
        return false;
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        *error = QObject::tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    QImageWriter writer(&file, "png");
    if (!writer.write(image)) {
        *error = QObject::tr("cannot encode %1: %2").arg(path, writer.errorString());
        file.cancelWriting();
        return false;
    }
    if (!file.commit()) {
        *error = QObject::tr("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool PngExporter::exportSession(const Session &session, const QString &path, QSize size, QString *error)
{
    Dashboard dashboard;
    dashboard.setAttribute(Qt::WA_DontShowOnScreen);
    dashboard.resize(size);
    dashboard.setRecorder(session.recorder(), session.startNs());
    dashboard.setSummary(session.summary(), session.config(), session.config().mode);
    dashboard.show(); // lays out every child at its final size before rendering
    QApplication::processEvents();
    dashboard.refreshCharts(session.endNs());
    dashboard.fitTimeline();
    dashboard.setLive(false); // the whole run, now that its end is known
    QApplication::processEvents();
    dashboard.refreshCharts(session.endNs());
    QApplication::processEvents();
    QImage image = render(&dashboard, 1.0);
    if (image.size() != size) // asked for less than the dashboard's minimum size
        image = image.scaled(size, Qt::IgnoreAspectRatio, Qt::SmoothTransformation);
    return save(image, path, error);
}
