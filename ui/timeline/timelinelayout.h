#pragma once

// Where the timeline's rows sit, from a few plain numbers (no widget needed, so tests can
// check it): a header band and a tick label band at the top, each a line of text tall; then
// the span rows (the lanes, then the queue row), laneHeight tall; then the counter rows,
// counterHeight tall. Rows shrink to fit down to kMinLaneHeight, and scroll beyond that.
struct TimelineLayout
{
    static constexpr int kLaneHeight = 22;
    // Below this lane names do not fit; more rows than fit scroll instead of shrinking further.
    static constexpr int kMinLaneHeight = 16;
    // A counter row is this many lanes tall, so a depth of 32 still reads as steps.
    static constexpr int kCounterRowUnits = 2;

    // What a layout is computed from.
    struct Input
    {
        int fontHeight = 0; // the widget font's line height
        int height = 0; // the widget's
        int spanRows = 0; // lanes and the queue row
        int counterRows = 0;
        int scroll = 0; // how far the rows are scrolled up (0 while they fit)
        int plotLeft = 0;
        int plotRight = 0;
    };
    static TimelineLayout compute(const Input &in);

    int rowsTop = 0;
    int laneHeight = kLaneHeight;
    int counterHeight = kCounterRowUnits * kLaneHeight;
    int rowCount = 0;
    int spanRows = 0;
    int spansBottom = 0;
    int rowsBottom = 0;
    int plotLeft = 0;
    int plotRight = 0;
    int axisTop = 0;
    int viewTop = 0; // where the rows' visible part starts (rowsTop is above it when scrolled)
    int viewBottom = 0; // the widget's bottom edge

    int rowTop(int row) const
    {
        return row < spanRows ? rowsTop + row * laneHeight : spansBottom + (row - spanRows) * counterHeight;
    }
    int rowHeight(int row) const { return row < spanRows ? laneHeight : counterHeight; }
    // How much taller the rows are than the room they have (positive: they scroll).
    int overflow() const { return rowsBottom - rowsTop - (viewBottom - viewTop); }
    // The height that shows every row at full size (at least three lanes' worth).
    int preferredHeight() const;
};
