#include "timeline/timelinelayout.h"

#include <QTest>

namespace {
TimelineLayout layoutOf(int fontHeight, int height, int spanRows, int counterRows, int scroll = 0)
{
    TimelineLayout::Input in;
    in.fontHeight = fontHeight;
    in.height = height;
    in.spanRows = spanRows;
    in.counterRows = counterRows;
    in.scroll = scroll;
    in.plotLeft = 90;
    in.plotRight = 892;
    return TimelineLayout::compute(in);
}
} // namespace

class tst_TimelineLayout : public QObject
{
    Q_OBJECT
private slots:
    void defaults();
    void compute_data();
    void compute();
    void rows_data();
    void rows();
    void preferredHeight_data();
    void preferredHeight();
    void plotEdgesPassThrough();
};

void tst_TimelineLayout::defaults()
{
    const TimelineLayout l;
    QCOMPARE(l.laneHeight, 22);
    QCOMPARE(l.counterHeight, 44);
    QCOMPARE(TimelineLayout::kLaneHeight, 22);
    QCOMPARE(TimelineLayout::kMinLaneHeight, 16);
    QCOMPARE(TimelineLayout::kCounterRowUnits, 2);
}

void tst_TimelineLayout::compute_data()
{
    QTest::addColumn<int>("fontHeight");
    QTest::addColumn<int>("height");
    QTest::addColumn<int>("spanRows");
    QTest::addColumn<int>("counterRows");
    QTest::addColumn<int>("scroll");
    QTest::addColumn<int>("axisTop");
    QTest::addColumn<int>("viewTop");
    QTest::addColumn<int>("rowsTop");
    QTest::addColumn<int>("laneHeight");
    QTest::addColumn<int>("counterHeight");
    QTest::addColumn<int>("spansBottom");
    QTest::addColumn<int>("rowsBottom");
    QTest::addColumn<int>("overflow");

    // Inputs on the first line (font, height, span rows, counter rows, scroll), the layout on
    // the second. Two bands of fontHeight + 6 sit above the rows: the header, the tick labels.
    QTest::newRow("no rows") << 17 << 260 << 0 << 0 << 0
                             << 23 << 46 << 46 << 22 << 44 << 46 << 46 << -214;
    QTest::newRow("three lanes fit") << 17 << 260 << 3 << 0 << 0
                                     << 23 << 46 << 46 << 22 << 44 << 112 << 112 << -148;
    QTest::newRow("lanes and counters") << 17 << 400 << 4 << 2 << 0
                                        << 23 << 46 << 46 << 22 << 44 << 134 << 222 << -178;
    QTest::newRow("exactly fits") << 17 << 222 << 4 << 2 << 0
                                  << 23 << 46 << 46 << 22 << 44 << 134 << 222 << 0;
    QTest::newRow("taller font") << 30 << 260 << 3 << 0 << 0
                                 << 36 << 72 << 72 << 22 << 44 << 138 << 138 << -122;
    // 154 px for 8 lanes: 19 px each, all still showing.
    QTest::newRow("lanes shrink to fit") << 17 << 200 << 8 << 0 << 0
                                         << 23 << 46 << 46 << 19 << 38 << 198 << 198 << -2;
    QTest::newRow("counters shrink with lanes") << 17 << 140 << 4 << 2 << 0
                                                << 23 << 46 << 46 << 16 << 32 << 110 << 174 << 34;
    // Not below 16 px: the rest scrolls.
    QTest::newRow("too many lanes scroll") << 17 << 200 << 15 << 0 << 0
                                           << 23 << 46 << 46 << 16 << 32 << 286 << 286 << 86;
    QTest::newRow("scrolled") << 17 << 200 << 15 << 0 << 40
                              << 23 << 46 << 6 << 16 << 32 << 246 << 246 << 86;
    QTest::newRow("scrolled with counters") << 17 << 140 << 4 << 2 << 34
                                            << 23 << 46 << 12 << 16 << 32 << 76 << 140 << 34;
    QTest::newRow("shorter than the header") << 17 << 30 << 2 << 0 << 0
                                             << 23 << 46 << 46 << 16 << 32 << 78 << 78 << 48;
}

void tst_TimelineLayout::compute()
{
    QFETCH(int, fontHeight);
    QFETCH(int, height);
    QFETCH(int, spanRows);
    QFETCH(int, counterRows);
    QFETCH(int, scroll);
    const TimelineLayout l = layoutOf(fontHeight, height, spanRows, counterRows, scroll);
    QTEST(l.axisTop, "axisTop");
    QTEST(l.viewTop, "viewTop");
    QTEST(l.rowsTop, "rowsTop");
    QTEST(l.laneHeight, "laneHeight");
    QTEST(l.counterHeight, "counterHeight");
    QTEST(l.spansBottom, "spansBottom");
    QTEST(l.rowsBottom, "rowsBottom");
    QTEST(l.overflow(), "overflow");
    QCOMPARE(l.viewBottom, height);
    QCOMPARE(l.spanRows, spanRows);
    QCOMPARE(l.rowCount, spanRows + counterRows);
}

void tst_TimelineLayout::rows_data()
{
    QTest::addColumn<int>("height");
    QTest::addColumn<int>("scroll");
    QTest::addColumn<int>("row");
    QTest::addColumn<int>("top");
    QTest::addColumn<int>("rowHeight");

    // Four span rows (three lanes and the queue), then two counter rows.
    QTest::newRow("first lane") << 400 << 0 << 0 << 46 << 22;
    QTest::newRow("second lane") << 400 << 0 << 1 << 68 << 22;
    QTest::newRow("queue row") << 400 << 0 << 3 << 112 << 22;
    QTest::newRow("first counter") << 400 << 0 << 4 << 134 << 44;
    QTest::newRow("second counter") << 400 << 0 << 5 << 178 << 44;
    QTest::newRow("shrunk lane") << 140 << 0 << 2 << 78 << 16;
    QTest::newRow("shrunk counter") << 140 << 0 << 5 << 142 << 32;
    QTest::newRow("scrolled lane") << 140 << 34 << 0 << 12 << 16;
    QTest::newRow("scrolled counter") << 140 << 34 << 4 << 76 << 32;
}

void tst_TimelineLayout::rows()
{
    QFETCH(int, height);
    QFETCH(int, scroll);
    QFETCH(int, row);
    const TimelineLayout l = layoutOf(17, height, 4, 2, scroll);
    QTEST(l.rowTop(row), "top");
    QTEST(l.rowHeight(row), "rowHeight");
    // Rows follow one another without gaps.
    if (row + 1 < l.rowCount)
        QCOMPARE(l.rowTop(row + 1), l.rowTop(row) + l.rowHeight(row));
    else
        QCOMPARE(l.rowTop(row) + l.rowHeight(row), l.rowsBottom);
}

void tst_TimelineLayout::preferredHeight_data()
{
    QTest::addColumn<int>("fontHeight");
    QTest::addColumn<int>("height");
    QTest::addColumn<int>("spanRows");
    QTest::addColumn<int>("counterRows");
    QTest::addColumn<int>("preferred");

    // The bands, every row at full size (at least three lanes' worth) and 8 px below.
    QTest::newRow("no rows") << 17 << 260 << 0 << 0 << 46 + 3 * 22 + 8;
    QTest::newRow("one lane") << 17 << 260 << 1 << 0 << 46 + 3 * 22 + 8;
    QTest::newRow("one lane, one counter") << 17 << 260 << 1 << 1 << 46 + 3 * 22 + 8;
    QTest::newRow("four span rows") << 17 << 260 << 4 << 0 << 46 + 4 * 22 + 8;
    QTest::newRow("with counters") << 17 << 260 << 4 << 2 << 46 + 8 * 22 + 8;
    QTest::newRow("squeezed widget") << 17 << 60 << 4 << 2 << 46 + 8 * 22 + 8;
    QTest::newRow("taller font") << 30 << 260 << 4 << 0 << 72 + 4 * 22 + 8;
}

void tst_TimelineLayout::preferredHeight()
{
    QFETCH(int, fontHeight);
    QFETCH(int, height);
    QFETCH(int, spanRows);
    QFETCH(int, counterRows);
    const TimelineLayout l = layoutOf(fontHeight, height, spanRows, counterRows);
    QTEST(l.preferredHeight(), "preferred");
    // At that height every row shows at full size, without scrolling.
    const TimelineLayout fit = layoutOf(fontHeight, l.preferredHeight(), spanRows, counterRows);
    QCOMPARE(fit.laneHeight, TimelineLayout::kLaneHeight);
    QVERIFY(fit.overflow() < 0);
}

void tst_TimelineLayout::plotEdgesPassThrough()
{
    const TimelineLayout l = layoutOf(17, 260, 3, 0);
    QCOMPARE(l.plotLeft, 90);
    QCOMPARE(l.plotRight, 892);
}

QTEST_APPLESS_MAIN(tst_TimelineLayout)
#include "tst_timelinelayout.moc"
