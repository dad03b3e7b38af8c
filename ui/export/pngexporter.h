#pragma once

#include "formats/runfile.h"

#include <QImage>
#include <QSize>
#include <QString>

class QWidget;

// Renders widgets to images and encodes them as PNG in memory; the file is written
// through OutputSet, so a failed export never leaves a half-written file.
class PngExporter
{
public:
    // The widget as it looks now, at scale (1 or 2) times its size.
    static QImage render(QWidget *widget, qreal scale);
    static bool encode(const QImage &image, QByteArray *png, QString *error);
    static bool save(const QImage &image, const QString &path, QString *error);

    // Headless: lays out a dashboard of size for a finished run and renders it to PNG bytes.
    static bool encodeRun(const LoadedRun &run, QSize size, QByteArray *png, QString *error);
    static bool exportRun(const LoadedRun &run, const QString &path, QSize size, QString *error);
};
