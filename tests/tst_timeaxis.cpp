#include "timeline/timeaxis.h"

#include <QTest>

#include <cmath>
#include <limits>

namespace {
constexpr qint64 kMs = 1'000'000;
constexpr qint64 kS = 1'000'000'000;
// A realistic CLOCK_MONOTONIC reading: days of uptime, far beyond a double's ns precision.
constexpr qint64 kUptime = 3 * 24 * 3600 * kS + 123'456'789;

TimeAxis makeAxis(qint64 startNs, qint64 spanNs, int leftPx, int widthPx)
{
    TimeAxis a;
    a.startNs = startNs;
    a.spanNs = spanNs;
    a.leftPx = leftPx;
    a.widthPx = widthPx;
    return a;
}
} // namespace

class tst_TimeAxis : public QObject
{
    Q_OBJECT
private slots:
    void defaults();
    void mapTimeToX_data();
    void mapTimeToX();
    void mapXToTime_data();
    void mapXToTime();
    void roundTrip_data();
    void roundTrip();
    void zoomKeepsTimeUnderCursor_data();
    void zoomKeepsTimeUnderCursor();
    void zoomClamps_data();
    void zoomClamps();
    void zoomIgnoresBadFactor_data();
    void zoomIgnoresBadFactor();
    void pan_data();
    void pan();
    void panThereAndBack();
    void zeroWidthIsSafe();
};

void tst_TimeAxis::defaults()
{
    const TimeAxis a;
    QCOMPARE(a.startNs, qint64(0));
    QCOMPARE(a.spanNs, 10 * kS);
    QCOMPARE(a.endNs(), 10 * kS);
    QCOMPARE(a.mapTimeToX(0), 0.0);
}

void tst_TimeAxis::mapTimeToX_data()
{
    QTest::addColumn<qint64>("startNs");
    QTest::addColumn<qint64>("spanNs");
    QTest::addColumn<int>("leftPx");
    QTest::addColumn<int>("widthPx");
    QTest::addColumn<qint64>("ns");
    QTest::addColumn<double>("x");

    QTest::newRow("start") << qint64(0) << 10 * kS << 0 << 1000 << qint64(0) << 0.0;
    QTest::newRow("middle") << qint64(0) << 10 * kS << 0 << 1000 << 5 * kS << 500.0;
    QTest::newRow("end") << qint64(0) << 10 * kS << 0 << 1000 << 10 * kS << 1000.0;
    QTest::newRow("left offset") << qint64(0) << 10 * kS << 90 << 1000 << 1 * kS << 190.0;
    QTest::newRow("before start") << 2 * kS << 10 * kS << 90 << 1000 << qint64(0) << -110.0;
    QTest::newRow("after end") << qint64(0) << 1 * kS << 0 << 100 << 2 * kS << 200.0;
    QTest::newRow("sub-pixel") << qint64(0) << 1000 * kMs << 0 << 1000 << kMs / 2 << 0.5;
    QTest::newRow("monotonic uptime") << kUptime << 2 * kS << 90 << 800 << kUptime + kS / 4 << 190.0;
    QTest::newRow("one ns per px") << kUptime << qint64(800) << 0 << 800 << kUptime + 1 << 1.0;
}

void tst_TimeAxis::mapTimeToX()
{
    QFETCH(qint64, startNs);
    QFETCH(qint64, spanNs);
    QFETCH(int, leftPx);
    QFETCH(int, widthPx);
    QFETCH(qint64, ns);
    QFETCH(double, x);
    QCOMPARE(makeAxis(startNs, spanNs, leftPx, widthPx).mapTimeToX(ns), x);
}

void tst_TimeAxis::mapXToTime_data()
{
    QTest::addColumn<qint64>("startNs");
    QTest::addColumn<qint64>("spanNs");
    QTest::addColumn<int>("leftPx");
    QTest::addColumn<int>("widthPx");
    QTest::addColumn<double>("x");
    QTest::addColumn<qint64>("ns");

    QTest::newRow("left edge") << kS << 10 * kS << 90 << 1000 << 90.0 << kS;
    QTest::newRow("right edge") << kS << 10 * kS << 90 << 1000 << 1090.0 << 11 * kS;
    QTest::newRow("label column") << kS << 10 * kS << 90 << 1000 << 0.0 << kS - 900 * kMs;
    QTest::newRow("fraction") << qint64(0) << kS << 0 << 1000 << 0.25 << qint64(250'000);
    QTest::newRow("monotonic uptime") << kUptime << 2 * kS << 90 << 800 << 490.0 << kUptime + kS;
}

void tst_TimeAxis::mapXToTime()
{
    QFETCH(qint64, startNs);
    QFETCH(qint64, spanNs);
    QFETCH(int, leftPx);
    QFETCH(int, widthPx);
    QFETCH(double, x);
    QFETCH(qint64, ns);
    QCOMPARE(makeAxis(startNs, spanNs, leftPx, widthPx).mapXToTime(x), ns);
}

void tst_TimeAxis::roundTrip_data()
{
    QTest::addColumn<qint64>("startNs");
    QTest::addColumn<qint64>("spanNs");
    QTest::addColumn<int>("leftPx");
    QTest::addColumn<int>("widthPx");
    QTest::addColumn<double>("x");

    const struct
    {
        const char *name;
        qint64 start;
        qint64 span;
        int left;
        int width;
    } axes[] = {
        {"10 s", 0, 10 * kS, 90, 810},
        {"uptime 30 s", kUptime, 30 * kS, 90, 803},
        {"uptime 1 ms", kUptime, kMs, 90, 997},
        {"uptime 10 us", kUptime, 10'000, 0, 300},
        {"an hour", -kS, 3600 * kS, 90, 1920},
    };
    for (const auto &a : axes) {
        for (double x : {0.0, 90.0, 123.5, 400.25, 899.0, 2500.0}) {
            QTest::addRow("%s x=%g", a.name, x) << a.start << a.span << a.left << a.width << x;
        }
    }
}

void tst_TimeAxis::roundTrip()
{
    QFETCH(qint64, startNs);
    QFETCH(qint64, spanNs);
    QFETCH(int, leftPx);
    QFETCH(int, widthPx);
    QFETCH(double, x);
    const TimeAxis a = makeAxis(startNs, spanNs, leftPx, widthPx);

    // x -> time -> x: off by at most the half nanosecond that time was rounded to.
    const qint64 t = a.mapXToTime(x);
    const double pxPerNs = 1.0 / a.nsPerPx();
    QVERIFY2(std::abs(a.mapTimeToX(t) - x) <= 0.5 * pxPerNs + 1e-9,
             qPrintable(QStringLiteral("x %1 came back as %2").arg(x).arg(a.mapTimeToX(t))));

    // time -> x -> time: exact to the nanosecond.
    QVERIFY(std::abs(a.mapXToTime(a.mapTimeToX(t)) - t) <= 1);
}

void tst_TimeAxis::zoomKeepsTimeUnderCursor_data()
{
    QTest::addColumn<double>("x");
    QTest::addColumn<double>("factor");
    QTest::addColumn<qint64>("expectedSpanNs");

    QTest::newRow("in at left edge") << 90.0 << 2.0 << 5 * kS;
    QTest::newRow("in at middle") << 490.0 << 2.0 << 5 * kS;
    QTest::newRow("in at right edge") << 890.0 << 4.0 << 2500 * kMs;
    QTest::newRow("out at middle") << 490.0 << 0.5 << 20 * kS;
    QTest::newRow("out at odd pixel") << 123.0 << 0.8 << 12500 * kMs;
    QTest::newRow("in at fraction") << 333.7 << 1.25 << 8 * kS;
    QTest::newRow("identity") << 500.0 << 1.0 << 10 * kS;
    QTest::newRow("cursor outside view") << 1200.0 << 2.0 << 5 * kS;
}

void tst_TimeAxis::zoomKeepsTimeUnderCursor()
{
    QFETCH(double, x);
    QFETCH(double, factor);
    QFETCH(qint64, expectedSpanNs);
    const TimeAxis before = makeAxis(kUptime, 10 * kS, 90, 800);
    const TimeAxis after = before.zoomedAround(x, factor, 1000, 3600 * kS);

    QCOMPARE(after.spanNs, expectedSpanNs);
    QCOMPARE(after.leftPx, before.leftPx);
    QCOMPARE(after.widthPx, before.widthPx);
    QVERIFY2(std::abs(after.mapXToTime(x) - before.mapXToTime(x)) <= 1,
             qPrintable(QStringLiteral("%1 ns moved").arg(after.mapXToTime(x) - before.mapXToTime(x))));
}

void tst_TimeAxis::zoomClamps_data()
{
    QTest::addColumn<double>("factor");
    QTest::addColumn<qint64>("minSpanNs");
    QTest::addColumn<qint64>("maxSpanNs");
    QTest::addColumn<qint64>("expectedSpanNs");

    QTest::newRow("in past min") << 1e9 << 10'000 * qint64(1) << 60 * kS << qint64(10'000);
    QTest::newRow("out past max") << 1e-6 << qint64(10'000) << 60 * kS << 60 * kS;
    QTest::newRow("just inside") << 2.0 << 5 * kS << 60 * kS << 5 * kS;
    QTest::newRow("already at min") << 2.0 << 10 * kS << 60 * kS << 10 * kS;
    QTest::newRow("min above max") << 2.0 << 20 * kS << 15 * kS << 20 * kS;
    QTest::newRow("min below one ns") << 1e30 << qint64(0) << 60 * kS << qint64(1);
}

void tst_TimeAxis::zoomClamps()
{
    QFETCH(double, factor);
    QFETCH(qint64, minSpanNs);
    QFETCH(qint64, maxSpanNs);
    QFETCH(qint64, expectedSpanNs);
    const TimeAxis before = makeAxis(kUptime, 10 * kS, 90, 800);
    const double x = 290.0;
    const TimeAxis after = before.zoomedAround(x, factor, minSpanNs, maxSpanNs);
    QCOMPARE(after.spanNs, expectedSpanNs);
    // Clamped or not, the anchor stays under the cursor.
    QVERIFY(std::abs(after.mapXToTime(x) - before.mapXToTime(x)) <= 1);
}

void tst_TimeAxis::zoomIgnoresBadFactor_data()
{
    QTest::addColumn<double>("factor");
    QTest::newRow("zero") << 0.0;
    QTest::newRow("negative") << -2.0;
    QTest::newRow("nan") << std::numeric_limits<double>::quiet_NaN();
    QTest::newRow("infinite") << std::numeric_limits<double>::infinity();
}

void tst_TimeAxis::zoomIgnoresBadFactor()
{
    QFETCH(double, factor);
    const TimeAxis before = makeAxis(kUptime, 10 * kS, 90, 800);
    const TimeAxis after = before.zoomedAround(400, factor, 1, 3600 * kS);
    QCOMPARE(after.startNs, before.startNs);
    QCOMPARE(after.spanNs, before.spanNs);
}

void tst_TimeAxis::pan_data()
{
    QTest::addColumn<double>("dx");
    QTest::addColumn<qint64>("expectedStartNs");

    // 800 px for 8 s: 10 ms per pixel.
    QTest::newRow("none") << 0.0 << kUptime;
    QTest::newRow("drag right: earlier") << 100.0 << kUptime - kS;
    QTest::newRow("drag left: later") << -50.0 << kUptime + 500 * kMs;
    QTest::newRow("fraction") << 0.5 << kUptime - 5 * kMs;
    QTest::newRow("several views") << -2400.0 << kUptime + 24 * kS;
}

void tst_TimeAxis::pan()
{
    QFETCH(double, dx);
    QFETCH(qint64, expectedStartNs);
    const TimeAxis before = makeAxis(kUptime, 8 * kS, 90, 800);
    const TimeAxis after = before.pannedBy(dx);
    QCOMPARE(after.startNs, expectedStartNs);
    QCOMPARE(after.spanNs, before.spanNs);
    QCOMPARE(after.leftPx, before.leftPx);
    QCOMPARE(after.widthPx, before.widthPx);
    // What was under x is now under x + dx, as when dragging the content.
    QVERIFY(std::abs(after.mapTimeToX(before.mapXToTime(300)) - (300 + dx)) < 1e-6);
}

void tst_TimeAxis::panThereAndBack()
{
    const TimeAxis a = makeAxis(kUptime, 7 * kS + 3, 90, 811);
    const TimeAxis back = a.pannedBy(137).pannedBy(-137);
    QCOMPARE(back.startNs, a.startNs);
    QCOMPARE(back.spanNs, a.spanNs);
}

void tst_TimeAxis::zeroWidthIsSafe()
{
    const TimeAxis a = makeAxis(0, kS, 0, 0);
    QCOMPARE(a.nsPerPx(), double(kS));
    QVERIFY(std::isfinite(a.mapTimeToX(kS / 2)));
    QCOMPARE(a.mapXToTime(1), kS);
}

QTEST_APPLESS_MAIN(tst_TimeAxis)
#include "tst_timeaxis.moc"
