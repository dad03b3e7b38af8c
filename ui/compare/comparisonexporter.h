#pragma once

#include "run/comparison.h"

#include <QByteArray>
#include <QImage>
#include <QSize>
#include <QString>

// The comparison as a picture: a ComparisonView laid out off screen at the asked size and
// rendered, for the dialog's Export PNG and the headless `looplab compare`.
class ComparisonExporter
{
public:
    static QImage render(const QVector<Comparison::Result> &results, const RunConfig &base, QSize size,
                         bool logScale = true);
    static bool encodePng(const QVector<Comparison::Result> &results, const RunConfig &base, QSize size,
                          QByteArray *png, QString *error);
    static bool exportPng(const QVector<Comparison::Result> &results, const RunConfig &base, const QString &path,
                          QSize size, QString *error);
};
