#include "timeline/timelinelayout.h"

#include <QtGlobal>

#include <algorithm>

TimelineLayout TimelineLayout::compute(const Input &in)
{
    TimelineLayout l;
    const int band = in.fontHeight + 6;
    l.axisTop = band;
    l.viewTop = 2 * band;
    l.viewBottom = in.height;
    l.spanRows = in.spanRows;
    l.rowCount = in.spanRows + in.counterRows;
    const int units = in.spanRows + kCounterRowUnits * in.counterRows;
    if (units > 0)
        l.laneHeight = qBound(kMinLaneHeight, (in.height - l.viewTop) / units, kLaneHeight);
    // Rows that do not fit scroll under the fixed axis and legend.
    l.rowsTop = l.viewTop - in.scroll;
    l.counterHeight = kCounterRowUnits * l.laneHeight;
    l.spansBottom = l.rowsTop + l.laneHeight * l.spanRows;
    l.rowsBottom = l.spansBottom + l.counterHeight * in.counterRows;
    l.plotLeft = in.plotLeft;
    l.plotRight = in.plotRight;
    return l;
}

int TimelineLayout::preferredHeight() const
{
    const int units = spanRows + kCounterRowUnits * (rowCount - spanRows);
    return viewTop + std::max(units, 3) * kLaneHeight + 8;
}
