#pragma once

#include <QImage>
#include <QSize>
#include <QString>

class QWidget;
class Session;

// Renders widgets to images and writes them as PNG through QSaveFile, so a failed export
// never leaves a half-written file.
class PngExporter
{
public:
    // The widget as it looks now, at scale (1 or 2) times its size.
    static QImage render(QWidget *widget, qreal scale);
    static bool save(const QImage &image, const QString &path, QString *error);

    // Headless: lays out a dashboard of size for a finished session, renders and saves it.
    static bool exportSession(const Session &session, const QString &path, QSize size, QString *error);
};
