#include "compare/comparisonbuckets.h"
#include "engine/recorder.h"

#include <QTest>

#include <cmath>
#include <limits>

namespace {
// A finished run whose ticks were late by these many ms, in order, one every 10 ms.
Comparison::Result run(const QVector<double> &latenessMs)
{
    auto recorder = std::make_shared<Recorder>();
    for (int i = 0; i < latenessMs.size(); ++i) {
        const qint64 expected = qint64(i) * 10'000'000;
        recorder->addTick(TickSample{expected, expected + qint64(std::llround(latenessMs.at(i) * 1e6))});
    }
    Comparison::Result r;
    r.recorder = recorder;
    r.endNs = qint64(latenessMs.size()) * 10'000'000;
    return r;
}

QVector<Comparison::Result> runs(const QVector<QVector<double>> &latenessMs)
{
    QVector<Comparison::Result> results;
    for (const QVector<double> &ticks : latenessMs)
        results << run(ticks);
    return results;
}
} // namespace

// The comparison's chart arithmetic on its own: Qt Core only, no widget is made here.
class tst_ComparisonBuckets : public QObject
{
    Q_OBJECT
private slots:
    void bucketOf_data();
    void bucketOf();
    void bucketLowerMs_data();
    void bucketLowerMs();
    void bucketsTileTheAxis();
    void histogram_data();
    void histogram();
    void runWithoutRecorderIsEmpty();
    void outline_data();
    void outline();
    void timeSpanS_data();
    void timeSpanS();
    void timeAxis_data();
    void timeAxis();
    void latenessAxis_data();
    void latenessAxis();
    void drawingOrder_data();
    void drawingOrder();
};

void tst_ComparisonBuckets::bucketOf_data()
{
    QTest::addColumn<double>("ms");
    QTest::addColumn<int>("bucket");
    const int perDecade = ComparisonBuckets::kBucketsPerDecade;
    QTest::newRow("early") << -3.0 << 0;
    QTest::newRow("zero") << 0.0 << 0;
    QTest::newRow("not a number") << std::numeric_limits<double>::quiet_NaN() << 0;
    QTest::newRow("floor") << 0.01 << 0;
    QTest::newRow("just below 0.1") << 0.099 << perDecade - 1;
    QTest::newRow("0.1") << 0.1 << perDecade;
    QTest::newRow("1") << 1.0 << 2 * perDecade;
    QTest::newRow("one frame") << 1000.0 / 60.0 << 12;
    QTest::newRow("long task") << 50.0 << 14;
    QTest::newRow("100") << 100.0 << 4 * perDecade;
    QTest::newRow("just below 10 s") << 9999.0 << ComparisonBuckets::kHistogramBuckets - 1;
    QTest::newRow("10 s") << 10000.0 << ComparisonBuckets::kHistogramBuckets - 1;
    QTest::newRow("far beyond") << 1e9 << ComparisonBuckets::kHistogramBuckets - 1;
}

void tst_ComparisonBuckets::bucketOf()
{
    QFETCH(double, ms);
    QFETCH(int, bucket);
    QCOMPARE(ComparisonBuckets::bucketOf(ms), bucket);
}

void tst_ComparisonBuckets::bucketLowerMs_data()
{
    QTest::addColumn<int>("bucket");
    QTest::addColumn<double>("lowerMs");
    QTest::newRow("first") << 0 << 0.01;
    QTest::newRow("half a decade") << 2 << 0.01 * std::sqrt(10.0);
    QTest::newRow("0.1") << 4 << 0.1;
    QTest::newRow("1") << 8 << 1.0;
    QTest::newRow("100") << 16 << 100.0;
    QTest::newRow("past the last") << ComparisonBuckets::kHistogramBuckets << 10000.0;
}

void tst_ComparisonBuckets::bucketLowerMs()
{
    QFETCH(int, bucket);
    QFETCH(double, lowerMs);
    QVERIFY2(std::abs(ComparisonBuckets::bucketLowerMs(bucket) - lowerMs) < 1e-9 * lowerMs,
             qPrintable(QString::number(ComparisonBuckets::bucketLowerMs(bucket), 'g', 17)));
}

// Every bucket holds its own lower edge and its geometric middle: no gaps, no overlaps.
void tst_ComparisonBuckets::bucketsTileTheAxis()
{
    for (int b = 0; b < ComparisonBuckets::kHistogramBuckets; ++b) {
        const double lower = ComparisonBuckets::bucketLowerMs(b);
        const double mid = std::sqrt(lower * ComparisonBuckets::bucketLowerMs(b + 1));
        QCOMPARE(ComparisonBuckets::bucketOf(lower), b);
        QCOMPARE(ComparisonBuckets::bucketOf(mid), b);
        QVERIFY(ComparisonBuckets::bucketLowerMs(b + 1) > lower);
    }
}

void tst_ComparisonBuckets::histogram_data()
{
    QTest::addColumn<QVector<QVector<double>>>("ticksMs");
    // "run:bucket=share" for every bucket with ticks; all the others must be empty.
    QTest::addColumn<QString>("shares");
    QTest::addColumn<int>("first");
    QTest::addColumn<int>("last");
    QTest::addColumn<double>("xMinMs");
    QTest::addColumn<double>("xMaxMs");
    QTest::addColumn<double>("shareMax");
    QTest::addColumn<double>("shareStep");

    // Nothing measured: the middle of the axis, to at least 1 %.
    QTest::newRow("no runs") << QVector<QVector<double>>{} << QString() << 0 << 12 << 0.01 << 1000.0 << 1.25 << 0.25;
    QTest::newRow("punctual") << QVector<QVector<double>>{{0.2, 0.2, 0.2, 0.2}} << QStringLiteral("0:5=100") << 5 << 5
                              << 0.1 << 1000.0 << 125.0 << 25.0;
    QTest::newRow("a stall beside a quiet run")
        << QVector<QVector<double>>{{0.2, 0.2, 0.2, 80.0}, {0.05, 0.05}} << QStringLiteral("0:5=75 0:15=25 1:2=100")
        << 2 << 15 << 0.01 << 1000.0 << 125.0 << 25.0;
    QTest::newRow("late and early ticks share the floor")
        << QVector<QVector<double>>{{-1.0, 0.0, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3, 0.3}}
        << QStringLiteral("0:0=20 0:5=80") << 0 << 5 << 0.01 << 1000.0 << 100.0 << 20.0;
    QTest::newRow("a ten-second freeze") << QVector<QVector<double>>{{0.5, 20000.0}} << QStringLiteral("0:6=50 0:23=50")
                                         << 6 << 23 << 0.1 << 10000.0 << 60.0 << 20.0;
}

void tst_ComparisonBuckets::histogram()
{
    QFETCH(QVector<QVector<double>>, ticksMs);
    QFETCH(QString, shares);
    QFETCH(int, first);
    QFETCH(int, last);
    QFETCH(double, xMinMs);
    QFETCH(double, xMaxMs);
    QFETCH(double, shareMax);
    QFETCH(double, shareStep);

    const ComparisonBuckets::Histogram h = ComparisonBuckets::histogram(runs(ticksMs));
    QCOMPARE(h.shares.size(), ticksMs.size());
    QVector<QVector<double>> expected(ticksMs.size(), QVector<double>(ComparisonBuckets::kHistogramBuckets, 0.0));
    for (const QString &entry : shares.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const int colon = entry.indexOf(QLatin1Char(':'));
        const int equals = entry.indexOf(QLatin1Char('='));
        expected[entry.left(colon).toInt()][entry.mid(colon + 1, equals - colon - 1).toInt()] = entry.mid(equals + 1).toDouble();
    }
    for (int r = 0; r < h.shares.size(); ++r) {
        QCOMPARE(h.shares.at(r).size(), ComparisonBuckets::kHistogramBuckets);
        for (int b = 0; b < ComparisonBuckets::kHistogramBuckets; ++b)
            QVERIFY2(qFuzzyCompare(1.0 + h.shares.at(r).at(b), 1.0 + expected.at(r).at(b)),
                     qPrintable(QStringLiteral("run %1 bucket %2: %3").arg(r).arg(b).arg(h.shares.at(r).at(b))));
    }
    QCOMPARE(h.first, first);
    QCOMPARE(h.last, last);
    QCOMPARE(h.xMinMs, xMinMs);
    QCOMPARE(h.xMaxMs, xMaxMs);
    QCOMPARE(h.share.max, shareMax);
    QCOMPARE(h.share.step, shareStep);
}

void tst_ComparisonBuckets::runWithoutRecorderIsEmpty()
{
    QVector<Comparison::Result> results = runs({{0.2, 0.2}});
    results.prepend(Comparison::Result());
    const ComparisonBuckets::Histogram h = ComparisonBuckets::histogram(results);
    QCOMPARE(h.shares.size(), 2);
    QCOMPARE(h.shares.at(0), QVector<double>(ComparisonBuckets::kHistogramBuckets, 0.0));
    QCOMPARE(h.shares.at(1).at(5), 100.0);
    QCOMPARE(h.first, 5);
    QCOMPARE(h.last, 5);
}

void tst_ComparisonBuckets::outline_data()
{
    QTest::addColumn<int>("first");
    QTest::addColumn<int>("last");
    QTest::addColumn<QList<QPointF>>("points");
    auto at = [](int bucket, double share) { return QPointF(ComparisonBuckets::bucketLowerMs(bucket), share); };
    QTest::newRow("one bucket") << 4 << 4 << QList<QPointF>{at(4, 0), at(4, 30), at(5, 30), at(5, 0)};
    QTest::newRow("three buckets")
        << 4 << 6 << QList<QPointF>{at(4, 0), at(4, 30), at(5, 30), at(5, 0), at(6, 0), at(6, 70), at(7, 70), at(7, 0)};
}

void tst_ComparisonBuckets::outline()
{
    QFETCH(int, first);
    QFETCH(int, last);
    QFETCH(QList<QPointF>, points);
    QVector<double> share(ComparisonBuckets::kHistogramBuckets, 0.0);
    share[4] = 30;
    share[6] = 70;
    share[9] = 99; // outside [first, last]: not drawn
    QCOMPARE(ComparisonBuckets::outline(share, first, last), points);
}

void tst_ComparisonBuckets::timeSpanS_data()
{
    QTest::addColumn<QList<qint64>>("runNs"); // each run's length
    QTest::addColumn<double>("durationS");
    QTest::addColumn<double>("spanS");
    QTest::newRow("the longest run") << QList<qint64>{2'000'000'000, 3'500'000'000, 1'000'000'000} << 2.0 << 3.5;
    QTest::newRow("no run: the duration") << QList<qint64>{} << 2.0 << 2.0;
    QTest::newRow("empty runs: the duration") << QList<qint64>{0, 0} << 4.0 << 4.0;
    QTest::newRow("nothing at all: a second") << QList<qint64>{} << 0.0 << 1.0;
}

void tst_ComparisonBuckets::timeSpanS()
{
    QFETCH(QList<qint64>, runNs);
    QFETCH(double, durationS);
    QFETCH(double, spanS);
    QVector<Comparison::Result> results;
    for (qint64 ns : runNs) {
        Comparison::Result r;
        r.startNs = 5'000'000'000; // each run from its own start
        r.endNs = r.startNs + ns;
        results << r;
    }
    QCOMPARE(ComparisonBuckets::timeSpanS(results, durationS), spanS);
}

void tst_ComparisonBuckets::timeAxis_data()
{
    QTest::addColumn<double>("spanS");
    QTest::addColumn<double>("step");
    QTest::newRow("2 s") << 2.0 << 0.2;
    QTest::newRow("0.8 s") << 0.8 << 0.1;
    QTest::newRow("30 s") << 30.0 << 5.0;
    QTest::newRow("25 s") << 25.0 << 2.5;
}

void tst_ComparisonBuckets::timeAxis()
{
    QFETCH(double, spanS);
    QFETCH(double, step);
    const ComparisonBuckets::Axis axis = ComparisonBuckets::timeAxis(spanS);
    QCOMPARE(axis.max, spanS);
    QVERIFY2(qFuzzyCompare(axis.step, step), qPrintable(QString::number(axis.step, 'g', 17)));
}

void tst_ComparisonBuckets::latenessAxis_data()
{
    QTest::addColumn<QList<double>>("maxMs"); // each run's worst tick
    QTest::addColumn<bool>("logScale");
    QTest::addColumn<double>("max");
    QTest::addColumn<double>("step");
    QTest::newRow("log, idle: to 1 s anyway") << QList<double>{0.0} << true << 1000.0 << 0.0;
    QTest::newRow("log, a frame") << QList<double>{16.6, 3.0} << true << 1000.0 << 0.0;
    QTest::newRow("log, just under a second") << QList<double>{909.0} << true << 1000.0 << 0.0;
    QTest::newRow("log, a second") << QList<double>{1000.0} << true << 10000.0 << 0.0;
    QTest::newRow("linear, no run: the floor") << QList<double>{} << false << 5.0 << 1.0;
    QTest::newRow("linear, a frame") << QList<double>{16.6} << false << 20.0 << 5.0;
    QTest::newRow("linear, the worst of two") << QList<double>{3.0, 120.0} << false << 150.0 << 25.0;
}

void tst_ComparisonBuckets::latenessAxis()
{
    QFETCH(QList<double>, maxMs);
    QFETCH(bool, logScale);
    QFETCH(double, max);
    QFETCH(double, step);
    QVector<Comparison::Result> results;
    for (double ms : maxMs) {
        Comparison::Result r;
        r.summary.maxMs = ms;
        results << r;
    }
    const ComparisonBuckets::Axis axis = ComparisonBuckets::latenessAxis(results, logScale);
    QCOMPARE(axis.max, max);
    QCOMPARE(axis.step, step);
}

void tst_ComparisonBuckets::drawingOrder_data()
{
    QTest::addColumn<QList<double>>("p99Ms");
    QTest::addColumn<QVector<int>>("order");
    QTest::newRow("worst first") << QList<double>{1.0, 5.0, 3.0} << QVector<int>{1, 2, 0};
    QTest::newRow("ties keep the run order") << QList<double>{2.0, 2.0, 1.0} << QVector<int>{0, 1, 2};
    QTest::newRow("no runs") << QList<double>{} << QVector<int>{};
}

void tst_ComparisonBuckets::drawingOrder()
{
    QFETCH(QList<double>, p99Ms);
    QFETCH(QVector<int>, order);
    QVector<Comparison::Result> results;
    for (double ms : p99Ms) {
        Comparison::Result r;
        r.summary.p99Ms = ms;
        results << r;
    }
    QCOMPARE(ComparisonBuckets::drawingOrder(results), order);
}

QTEST_GUILESS_MAIN(tst_ComparisonBuckets)
#include "tst_comparisonbuckets.moc"
