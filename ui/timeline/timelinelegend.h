#pragma once

class QFontMetrics;
class QPainter;
class TimelineSnapshot;

// The key in the timeline's header band, right-aligned: the work kinds every run has, and
// wait, item, transfer and re-entry once the run has them.
class TimelineLegend
{
public:
    // Which optional entries show for this run; a program's run has no I/O or CPU entries
    // until a span of Loop Lab's own kinds shows up.
    static int flags(const TimelineSnapshot &snapshot, bool programRun = false);
    // Where a legend with these entries starts so that it ends at right.
    static int left(const QFontMetrics &fm, int flags, int right);
    // Paints it from left on, over a background band that reaches the widget's right edge.
    static void paint(QPainter &p, int flags, int left, int widgetWidth);
};
