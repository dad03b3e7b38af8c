#pragma once

#include <QBrush>
#include <QColor>
#include <QFont>
#include <QPolygonF>

// How the timeline draws a span's parts and marks, shared by the rows and the legend that
// names them, so the two always match.
class TimelineStyle
{
public:
    static QColor withAlpha(QColor c, int alpha);
    // The counter rows' labels and the mode names, in the header band.
    static QFont smallFont(const QFont &base);
    // Queued time: a light tint so thin slivers still show, with hatching on top.
    static QBrush queuedTint(const QColor &c);
    static QBrush queuedHatch(const QColor &c);
    static QBrush failedHatch();
    // The loop waiting on something else: crossed out, so it never reads as the loop's own work.
    static const QBrush &waitBrush();
    // Striped the other way from queued time, which sits in the thinner strip below.
    static const QBrush &transferBrush();
    // The outline of a cancelled or failed run.
    static QColor outlineOf(const QColor &c);
    // A re-entered handler: a small triangle pointing down at tipY.
    static QPolygonF reentryMark(double x, double tipY);
};
