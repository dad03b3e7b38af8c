#include "charts/lagdecimator.h"
#include "charts/lagpyramid.h"
#include "window/dashboard.h"
#include "charts/latencychart.h"
#include "engine/recorder.h"
#include "stats/statistics.h"
#include "style/theme.h"
#include "timeline/timelineview.h"

#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QImage>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QWheelEvent>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QChart>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <iterator>
#include <memory>

namespace {
constexpr qint64 kOrigin = 1'000'000'000'000; // an arbitrary monotonic "run start"
constexpr qint64 kMs = 1'000'000;
constexpr qint64 kSec = 1'000'000'000;

// Ticks every periodMs for seconds, lateness 0.1 ms with a little jitter, and optionally one
// 200 ms spike at 5 s. Mode switches: pool at 0, inline at 2 s, pool at 4 s.
std::shared_ptr<Recorder> makeRecorder(double seconds, double periodMs, bool spike)
{
    auto recorder = std::make_shared<Recorder>();
    recorder->addModeSwitch(kOrigin, ExecMode::Pool);
    recorder->addModeSwitch(kOrigin + 2 * kSec, ExecMode::Inline);
    recorder->addModeSwitch(kOrigin + 4 * kSec, ExecMode::Pool);
    const qint64 period = qint64(periodMs * kMs);
    const qint64 count = qint64(seconds * 1000.0 / periodMs);
    for (qint64 i = 0; i < count; ++i) {
        TickSample t;
        t.expectedNs = kOrigin + i * period;
        qint64 late = 100'000 + (i % 7) * 20'000;
        if (spike && t.expectedNs == kOrigin + 5 * kSec)
            late = 200 * kMs;
        t.actualNs = t.expectedNs + late;
        recorder->addTick(t);
    }
    return recorder;
}

QLineSeries *lagSeries(LatencyChart &chart)
{
    for (QAbstractSeries *s : chart.chart()->series()) {
        if (s->name() == QLatin1String("tick lateness"))
            return qobject_cast<QLineSeries *>(s);
    }
    return nullptr;
}

QAreaSeries *bandSeries(LatencyChart &chart, ExecMode mode)
{
    for (QAbstractSeries *s : chart.chart()->series()) {
        if (s->name() == QStringLiteral("mode: ") + Kinds::shortLabel(mode))
            return qobject_cast<QAreaSeries *>(s);
    }
    return nullptr;
}

QGraphicsSimpleTextItem *referenceLabel(LatencyChart &chart, const QString &startsWith)
{
    const QList<QGraphicsItem *> items = chart.scene()->items();
    for (QGraphicsItem *item : items) {
        auto *text = qgraphicsitem_cast<QGraphicsSimpleTextItem *>(item);
        if (text && text->text().startsWith(startsWith))
            return text;
    }
    return nullptr;
}

QValueAxis *xAxis(LatencyChart &chart)
{
    const QList<QAbstractAxis *> axes = chart.chart()->axes(Qt::Horizontal);
    return axes.isEmpty() ? nullptr : qobject_cast<QValueAxis *>(axes.first());
}

QAbstractAxis::AxisType yAxisType(LatencyChart &chart)
{
    const QList<QAbstractAxis *> axes = chart.chart()->axes(Qt::Vertical);
    return axes.size() == 1 ? axes.first()->type() : QAbstractAxis::AxisTypeNoAxis;
}
} // namespace

class TestLatencyChart : public QObject
{
    Q_OBJECT
private slots:
    void sharesTheTimelinesAxis();
    void columnOf_data();
    void columnOf();
    void decimatorKeepsSingleSpike();
    void decimatorKeepsTimeOrder();
    void decimatorTicks();
    void decimatorEdges();
    void pyramidMatchesFullPass_data();
    void pyramidMatchesFullPass();
    void pyramidGrowsIncrementally();
    void decimatorResumesAtTheLastColumn();

    void plotsDecimatedTicks();
    void floorWithoutSpike();
    void logScaleSwitchesAxis();
    void referenceLabelsFollowTheAxis();
    void modeBands();
    void modeBandsForEveryMode();
    void liveScrolls();
    void zoomAndReset();
    void thresholdToggling();
    void grabIsNotBlank();
    void lagLineLandsWhereTheSeriesWould();
    void wholeRunHoldsWithinAPixel();

private:
    void showChart(LatencyChart &chart, QSize size = QSize(900, 360));
};

void TestLatencyChart::showChart(LatencyChart &chart, QSize size)
{
    chart.resize(size);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    QTRY_VERIFY(chart.chart()->plotArea().width() > 100);
}

void TestLatencyChart::columnOf_data()
{
    QTest::addColumn<double>("x");
    QTest::addColumn<int>("column");
    // [10, 20) across 10 columns.
    QTest::newRow("before") << 9.99 << -1;
    QTest::newRow("start") << 10.0 << 0;
    QTest::newRow("inside first") << 10.99 << 0;
    QTest::newRow("second") << 11.0 << 1;
    QTest::newRow("last") << 19.5 << 9;
    QTest::newRow("end is last column") << 20.0 << 9;
    QTest::newRow("after") << 20.01 << 10;
}

void TestLatencyChart::columnOf()
{
    QFETCH(double, x);
    QFETCH(int, column);
    const LagDecimator d(10.0, 20.0, 10);
    QCOMPARE(d.columnOf(x), column);
}

void TestLatencyChart::decimatorKeepsSingleSpike()
{
    const int n = 100'000;
    QList<QPointF> points;
    points.reserve(n);
    for (int i = 0; i < n; ++i)
        points.append(QPointF(i * 0.001, 0.1));
    points[54'321].setY(200.0);
    points[77'777].setY(-3.0); // a dip survives too

    const int columns = 800;
    const LagDecimator d(0.0, 100.0, columns);
    const QList<QPointF> out = d.decimate(points);

    QVERIFY(out.size() <= 2 * columns);
    QVERIFY(out.size() >= columns); // one per column at least, each column has data
    QVERIFY(out.contains(points.at(54'321)));
    QVERIFY(out.contains(points.at(77'777)));

    QVector<int> perColumn(columns, 0);
    for (int i = 0; i < out.size(); ++i) {
        if (i > 0)
            QVERIFY(out.at(i - 1).x() < out.at(i).x());
        const int c = d.columnOf(out.at(i).x());
        QVERIFY(c >= 0 && c < columns);
        QVERIFY(++perColumn[c] <= 2);
    }
}

void TestLatencyChart::decimatorKeepsTimeOrder()
{
    // One column: the max comes before the min in time, and must stay first.
    const QList<QPointF> points{{0.1, 5.0}, {0.2, 9.0}, {0.3, 1.0}, {0.4, 4.0}};
    const LagDecimator d(0.0, 1.0, 1);
    const QList<QPointF> out = d.decimate(points);
    QCOMPARE(out.size(), 2);
    QCOMPARE(out.at(0), QPointF(0.2, 9.0));
    QCOMPARE(out.at(1), QPointF(0.3, 1.0));

    // A flat column collapses to one point.
    const QList<QPointF> flat{{0.1, 2.0}, {0.2, 2.0}, {0.3, 2.0}};
    QCOMPARE(d.decimate(flat).size(), 1);
    QVERIFY(d.decimate(QList<QPointF>()).isEmpty());
}

void TestLatencyChart::decimatorTicks()
{
    QList<TickSample> ticks;
    for (int i = 0; i < 1000; ++i)
        ticks.append({kOrigin + i * 10 * kMs, kOrigin + i * 10 * kMs + 100'000});
    ticks[500].actualNs += 150 * kMs;

    const LagDecimator d(0.0, 10.0, 100);
    const QList<QPointF> out = d.decimate(ticks, kOrigin);
    QVERIFY(out.size() <= 200);
    bool found = false;
    for (const QPointF &p : out) {
        if (qAbs(p.y() - 150.1) < 1e-9) {
            found = true;
            QVERIFY(qAbs(p.x() - 5.1501) < 1e-9);
        }
    }
    QVERIFY(found);
    QCOMPARE(LagDecimator::toPoint(ticks.at(0), kOrigin), QPointF(0.0001, 0.1));
}

void TestLatencyChart::decimatorEdges()
{
    // Neighbours outside the range share one column per side, so the line reaches the edges.
    QList<QPointF> points;
    for (int i = 0; i < 100; ++i)
        points.append(QPointF(i * 0.1, i % 2));
    const LagDecimator d(3.0, 6.0, 3);
    const QList<QPointF> out = d.decimate(points);
    QVERIFY(out.size() <= d.maxPoints());
    QCOMPARE(out.size(), 2 * 5);
    QVERIFY(out.first().x() < 3.0);
    QVERIFY(out.last().x() > 6.0);
}

void TestLatencyChart::pyramidMatchesFullPass_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("columns");
    QTest::addColumn<double>("from"); // fraction of the points' x range shown
    QTest::addColumn<double>("to");
    QTest::addColumn<int>("ties"); // y values are drawn from this many levels; 0: continuous
    QTest::addColumn<int>("lateEvery"); // every n-th point is handled late, after later ones; 0: never
    QTest::newRow("empty") << 0 << 100 << 0.0 << 1.0 << 0 << 0;
    QTest::newRow("one point") << 1 << 100 << 0.0 << 1.0 << 0 << 0;
    QTest::newRow("fewer than a block") << 7 << 3 << 0.0 << 1.0 << 0 << 0;
    QTest::newRow("1000 over 1920") << 1000 << 1920 << 0.0 << 1.0 << 0 << 0;
    QTest::newRow("10k over 1920") << 10000 << 1920 << 0.0 << 1.0 << 0 << 0;
    QTest::newRow("100k over 1920") << 100000 << 1920 << 0.0 << 1.0 << 0 << 0;
    QTest::newRow("100k over 7") << 100000 << 7 << 0.0 << 1.0 << 0 << 0;
    QTest::newRow("100k over 1") << 100000 << 1 << 0.0 << 1.0 << 0 << 0;
    QTest::newRow("100k, ties") << 100000 << 1000 << 0.0 << 1.0 << 3 << 0;
    QTest::newRow("100k, all equal") << 100000 << 640 << 0.0 << 1.0 << 1 << 0;
    QTest::newRow("100k, middle slice") << 100000 << 900 << 0.31 << 0.67 << 0 << 0;
    QTest::newRow("100k, slice with ties") << 100000 << 333 << 0.1 << 0.2 << 4 << 0;
    QTest::newRow("300k over 3840") << 300000 << 3840 << 0.0 << 1.0 << 0 << 0;
    QTest::newRow("65537 over 2") << 65537 << 2 << 0.0 << 1.0 << 0 << 0;
    QTest::newRow("100k over 1920, late ticks") << 100000 << 1920 << 0.0 << 1.0 << 0 << 97;
    QTest::newRow("100k over 50, late ticks") << 100000 << 50 << 0.0 << 1.0 << 0 << 13;
    QTest::newRow("100k slice, late ticks, ties") << 100000 << 700 << 0.2 << 0.9 << 3 << 5;
    QTest::newRow("every other tick late") << 20000 << 1920 << 0.0 << 1.0 << 0 << 2;
}

// The pyramid path must plot exactly what the pass over every point plots: the same points,
// in the same order, for any size, width and slice.
void TestLatencyChart::pyramidMatchesFullPass()
{
    QFETCH(int, count);
    QFETCH(int, columns);
    QFETCH(double, from);
    QFETCH(double, to);
    QFETCH(int, ties);
    QFETCH(int, lateEvery);
    QVector<QPointF> points;
    quint32 seed = 12345;
    auto next = [&seed] { return seed = seed * 1664525u + 1013904223u; };
    double x = 0;
    for (int i = 0; i < count; ++i) {
        x += (next() % 4 == 0) ? 0.0 : double(next() % 1000) / 1000.0; // repeated x too
        double y = ties ? double(next() % quint32(ties)) : double(next() % 100000) / 7.0;
        if (i % 997 == 500)
            y += 1000; // spikes
        // Handled late: its x lies ahead of the points after it, as a stalled tick's does.
        const double late = lateEvery && i % lateEvery == 1 ? double(next() % 50000) / 100.0 : 0.0;
        points.append(QPointF(x + late, y));
    }
    LagPyramid pyramid;
    // In uneven pieces, as ticks arrive.
    for (int n = 0; n < count;) {
        n = qMin(count, n + 1 + int(next() % 5000));
        pyramid.append(points.constData(), n);
    }
    QCOMPARE(pyramid.size(), qsizetype(count));
    QCOMPARE(pyramid.descents().isEmpty(), lateEvery == 0);

    const double x0 = x * from;
    const double x1 = x * to;
    const QPointF *begin = points.constData();
    const QPointF *end = begin + points.size();
    const QPointF *first = std::lower_bound(begin, end, x0, [](const QPointF &p, double v) { return p.x() < v; });
    const QPointF *last = std::upper_bound(first, end, x1, [](double v, const QPointF &p) { return v < p.x(); });
    if (first != begin)
        --first;
    if (last != end)
        ++last;
    const LagDecimator decimator(x0, x1, columns);
    QList<QPointF> full;
    decimator.decimate(first, last, &full);
    QList<QPointF> fast;
    decimator.decimate(begin, first - begin, last - begin, pyramid, &fast);
    QCOMPARE(fast.size(), full.size());
    QCOMPARE(fast, full);
    if (lateEvery == 0) // out of order x splits a column's points into several groups
        QVERIFY(full.size() <= decimator.maxPoints());
}

void TestLatencyChart::pyramidGrowsIncrementally()
{
    // Blocks complete as points arrive one at a time; every prefix answers like a full pass.
    QVector<QPointF> points;
    LagPyramid pyramid;
    const LagDecimator decimator(0, 300, 37);
    for (int i = 0; i < 300; ++i) {
        points.append(QPointF(i, double((i * 7919) % 101)));
        pyramid.append(points.constData(), points.size());
        QList<QPointF> full;
        decimator.decimate(points.constData(), points.constData() + points.size(), &full);
        QList<QPointF> fast;
        decimator.decimate(points.constData(), 0, points.size(), pyramid, &fast);
        QCOMPARE(fast, full);
    }
    // x stepping back: the pyramid lists where, and the columns still split as in the pass.
    points.append(QPointF(10, 5));
    pyramid.append(points.constData(), points.size());
    QCOMPARE(pyramid.descents(), QVector<qsizetype>{300});
    QList<QPointF> fast;
    decimator.decimate(points.constData(), 0, points.size(), pyramid, &fast);
    QCOMPARE(fast, decimator.decimate(QList<QPointF>(points.cbegin(), points.cend())));
}

void TestLatencyChart::decimatorResumesAtTheLastColumn()
{
    // Points arrive a few at a time, x stepping back now and then (a tick handled late),
    // some past the end; resuming where the last column began gives the full pass' output.
    QVector<QPointF> points;
    LagPyramid pyramid;
    const LagDecimator decimator(0, 250, 23);
    QList<QPointF> resumed;
    LagDecimator::Resume resume;
    for (int i = 0; i < 300; i += 1 + i % 5) {
        for (int k = i; k < i + 1 + i % 5; ++k)
            points.append(QPointF(k - (k % 37 == 0 ? 3.5 : 0.0), double((k * 7919) % 101)));
        pyramid.append(points.constData(), points.size());
        if (resume.index < 0) {
            decimator.decimate(points.constData(), 0, points.size(), pyramid, &resumed, &resume);
        } else {
            resumed.resize(resume.outSize);
            decimator.decimate(points.constData(), resume.index, points.size(), pyramid, &resumed, &resume);
        }
        QCOMPARE(resumed, decimator.decimate(QList<QPointF>(points.cbegin(), points.cend())));
    }
}

void TestLatencyChart::plotsDecimatedTicks()
{
    LatencyChart chart;
    showChart(chart);
    chart.setLive(false);
    QSignalSpy spy(&chart, &LatencyChart::updated);

    // 60 s at 1 ms: far more ticks than pixels.
    chart.setRecorder(makeRecorder(60.0, 1.0, true), kOrigin);
    chart.refresh(kOrigin + 60 * kSec);
    QCOMPARE(spy.count(), 1);
    QVERIFY(chart.lastUpdateNs() > 0);
    QCOMPARE(spy.at(0).at(0).toLongLong(), chart.lastUpdateNs());

    const int plotWidth = int(chart.chart()->plotArea().width());
    QVERIFY(chart.plottedPointCount() > 0);
    QVERIFY2(chart.plottedPointCount() <= 2 * plotWidth + 4,
             qPrintable(QString::number(chart.plottedPointCount())));
    QVERIFY(chart.yMaxMs() >= 200.0);
    QVERIFY(chart.yMaxMs() <= 400.0);

    QLineSeries *lag = lagSeries(chart);
    QVERIFY(lag);
    QCOMPARE(lag->pen().color(), Theme::lagColor());
    double maxY = 0;
    for (const QPointF &p : chart.plottedPoints())
        maxY = qMax(maxY, p.y());
    QCOMPARE(maxY, 200.0);

    QVERIFY(chart.chart()->title().contains(QLatin1String("lag")));
    QCOMPARE(xAxis(chart)->titleText(), QStringLiteral("time (s)"));
    QCOMPARE(chart.chart()->axes(Qt::Vertical).first()->titleText(),
             QStringLiteral("tick lateness (ms)"));
    QCOMPARE(chart.chart()->animationOptions(), QChart::NoAnimation);
}

void TestLatencyChart::floorWithoutSpike()
{
    LatencyChart chart;
    showChart(chart);
    chart.setLive(false);
    chart.setRecorder(makeRecorder(10.0, 10.0, false), kOrigin);
    chart.refresh(kOrigin + 10 * kSec);
    QVERIFY(chart.plottedPointCount() > 0);
    QVERIFY(chart.yMaxMs() >= 5.0);
    QVERIFY(chart.yMaxMs() <= 10.0);

    // Nothing recorded yet: still a sane axis.
    LatencyChart empty;
    showChart(empty);
    empty.setRecorder(std::make_shared<Recorder>(), kOrigin);
    empty.refresh(kOrigin);
    QCOMPARE(empty.plottedPointCount(), 0);
    QVERIFY(empty.yMaxMs() >= 5.0);
}

void TestLatencyChart::logScaleSwitchesAxis()
{
    LatencyChart chart;
    showChart(chart);
    chart.setLive(false);
    chart.setRecorder(makeRecorder(10.0, 10.0, true), kOrigin);
    chart.refresh(kOrigin + 10 * kSec);
    QCOMPARE(yAxisType(chart), QAbstractAxis::AxisTypeValue);
    QVERIFY(!chart.isLogScale());

    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
    chart.setLogScale(true);
    QVERIFY(chart.isLogScale());
    QCOMPARE(yAxisType(chart), QAbstractAxis::AxisTypeLogValue);
    QVERIFY(chart.yMaxMs() >= 200.0);
    QVERIFY(chart.plottedPointCount() > 0);
    for (QAbstractSeries *s : chart.chart()->series())
        QCOMPARE(s->attachedAxes().size(), 2);
    for (const QPointF &p : chart.plottedPoints())
        QVERIFY(p.y() > 0);
    chart.refresh(kOrigin + 10 * kSec);
    QCOMPARE(yAxisType(chart), QAbstractAxis::AxisTypeLogValue);

    chart.setLogScale(false);
    QCOMPARE(yAxisType(chart), QAbstractAxis::AxisTypeValue);
    for (QAbstractSeries *s : chart.chart()->series())
        QCOMPARE(s->attachedAxes().size(), 2);
    QVERIFY(chart.yMaxMs() >= 200.0);
}

void TestLatencyChart::referenceLabelsFollowTheAxis()
{
    LatencyChart chart;
    showChart(chart);
    chart.setLive(false);
    chart.setRecorder(makeRecorder(10.0, 10.0, true), kOrigin);
    chart.refresh(kOrigin + 10 * kSec);

    QGraphicsSimpleTextItem *label = referenceLabel(chart, QStringLiteral("50 ms"));
    QVERIFY(label);
    QLineSeries *lag = lagSeries(chart);
    auto checkPlacement = [&] {
        QVERIFY(label->isVisible());
        const double lineY = chart.chart()->mapToPosition(QPointF(1.0, 50.0), lag).y();
        const QRectF box = label->sceneBoundingRect();
        const QRectF plot = chart.chart()->plotArea();
        QVERIFY2(qAbs(box.bottom() - lineY) < 4 || qAbs(box.top() - lineY) < 4,
                 qPrintable(QStringLiteral("label %1..%2, line %3")
                                .arg(box.top()).arg(box.bottom()).arg(lineY)));
        QVERIFY(box.right() <= plot.right() + 1);
        QVERIFY(box.left() > plot.center().x());
    };
    checkPlacement();

    chart.resize(700, 500);
    QTRY_COMPARE(int(chart.chart()->plotArea().height()) > 300, true);
    QCoreApplication::processEvents();
    checkPlacement();

    chart.setLogScale(true);
    checkPlacement();

    // Off the chart when the axis does not reach the line.
    chart.setLogScale(false);
    chart.setRecorder(makeRecorder(10.0, 10.0, false), kOrigin);
    chart.refresh(kOrigin + 10 * kSec);
    QVERIFY(!label->isVisible());
}

void TestLatencyChart::modeBands()
{
    LatencyChart chart;
    showChart(chart);
    chart.setLive(false);
    chart.setRecorder(makeRecorder(10.0, 10.0, true), kOrigin);
    chart.refresh(kOrigin + 10 * kSec);

    QAreaSeries *inlineBand = bandSeries(chart, ExecMode::Inline);
    QAreaSeries *poolBand = bandSeries(chart, ExecMode::Pool);
    QVERIFY(inlineBand && poolBand);
    QCOMPARE(inlineBand->brush().color(), Theme::modeBandColor(ExecMode::Inline));

    // Inline from 2 s to 4 s, Offload before and after; drawn at full height, so they
    // did not drive the axis.
    auto bandsOf = [&chart](ExecMode mode) {
        QVector<QPair<double, double>> spans;
        for (const ModeBandsItem::Band &b : chart.modeBands()) {
            if (b.mode == mode)
                spans.append({b.startS, b.endS});
        }
        return spans;
    };
    QCOMPARE(bandsOf(ExecMode::Inline), (QVector<QPair<double, double>>{{2.0, 4.0}}));
    QCOMPARE(bandsOf(ExecMode::Pool).size(), 2);
    QCOMPARE(bandsOf(ExecMode::Pool).constFirst().first, 0.0);
    QCOMPARE(bandsOf(ExecMode::Pool).constLast().second, 10.0);
    QVERIFY(chart.yMaxMs() < 1000.0);

    // The log axis draws the same bands.
    chart.setLogScale(true);
    QCOMPARE(bandsOf(ExecMode::Inline), (QVector<QPair<double, double>>{{2.0, 4.0}}));
    // In the picture: the middle of the Inline band is its colour over the background.
    const QImage image = chart.grab().toImage();
    const QRectF plot = chart.chart()->plotArea();
    const QPoint inBand(int(plot.left() + plot.width() * 0.3), int(plot.top() + 3));
    const QPoint inPool(int(plot.left() + plot.width() * 0.1), int(plot.top() + 3));
    QVERIFY(image.pixelColor(inBand) != image.pixelColor(inPool));

    // A mode that never ran has no legend entry.
    auto recorder = std::make_shared<Recorder>();
    recorder->addModeSwitch(kOrigin, ExecMode::Pool);
    recorder->addTick({kOrigin, kOrigin + kMs});
    chart.setRecorder(recorder, kOrigin);
    chart.refresh(kOrigin + kSec);
    QVERIFY(!chart.chart()->legend()->markers(inlineBand).first()->isVisible());
    QVERIFY(chart.chart()->legend()->markers(poolBand).first()->isVisible());
}

void TestLatencyChart::modeBandsForEveryMode()
{
    // Every mode has its own band colour.
    QSet<QRgb> colours;
    for (ExecMode mode : Kinds::allModes())
        colours.insert(Theme::modeBandColor(mode).rgba());
    QCOMPARE(colours.size(), int(Kinds::allModes().size()));

    LatencyChart chart;
    showChart(chart);
    chart.setLive(false);
    auto recorder = std::make_shared<Recorder>();
    const ExecMode path[] = {ExecMode::Pool, ExecMode::Gil, ExecMode::Process, ExecMode::Queue};
    for (int i = 0; i < 4; ++i)
        recorder->addModeSwitch(kOrigin + i * 2 * kSec, path[i]);
    for (qint64 t = 0; t < 8 * kSec; t += 10 * kMs)
        recorder->addTick({kOrigin + t, kOrigin + t + 200'000});
    chart.setRecorder(recorder, kOrigin);
    chart.refresh(kOrigin + 8 * kSec);

    // The legend names the four modes the run went through and nothing else about modes.
    QStringList shown;
    for (QLegendMarker *marker : chart.chart()->legend()->markers()) {
        if (marker->isVisible() && marker->label().startsWith(QLatin1String("mode: ")))
            shown << marker->label();
    }
    shown.sort();
    QCOMPARE(shown, (QStringList{QStringLiteral("mode: GIL"), QStringLiteral("mode: Offload"),
                                 QStringLiteral("mode: Processes"), QStringLiteral("mode: Queue")}));

    // Each band covers its own two seconds; a mode the run never used draws nothing.
    const QVector<ModeBandsItem::Band> bands = chart.modeBands();
    QCOMPARE(bands.size(), 4);
    for (int i = 0; i < 4; ++i) {
        QCOMPARE(bands.at(i).mode, path[i]);
        QCOMPARE(bands.at(i).startS, 2.0 * i);
        QCOMPARE(bands.at(i).endS, 2.0 * (i + 1));
    }
    // The legend swatches keep their colours.
    for (int i = 0; i < 4; ++i) {
        QAreaSeries *band = bandSeries(chart, path[i]);
        QVERIFY(band);
        QCOMPARE(band->brush().color(), Theme::modeBandColor(path[i]));
    }
}

void TestLatencyChart::liveScrolls()
{
    LatencyChart chart;
    showChart(chart);
    QVERIFY(chart.isLive());
    QCOMPARE(chart.visibleSeconds(), 10.0);

    auto recorder = std::make_shared<Recorder>();
    chart.setRecorder(recorder, kOrigin);
    for (int i = 0; i < 300; ++i)
        recorder->addTick({kOrigin + i * 10 * kMs, kOrigin + i * 10 * kMs + 200'000});
    chart.refresh(kOrigin + 3 * kSec);
    // Young run: the window starts at zero and fills from the left.
    QCOMPARE(xAxis(chart)->min(), 0.0);
    QCOMPARE(xAxis(chart)->max(), 10.0);

    for (int i = 300; i < 3000; ++i)
        recorder->addTick({kOrigin + i * 10 * kMs, kOrigin + i * 10 * kMs + 200'000});
    chart.refresh(kOrigin + 30 * kSec);
    QCOMPARE(xAxis(chart)->min(), 20.0);
    QCOMPARE(xAxis(chart)->max(), 30.0);
    QVERIFY(qAbs(chart.plottedPoints().constLast().x() - 29.9902) < 1e-6);

    // A spike that scrolled out no longer sets the axis.
    recorder->addTick({kOrigin + 30 * kSec, kOrigin + 30 * kSec + 300 * kMs});
    chart.refresh(kOrigin + 31 * kSec);
    QVERIFY(chart.yMaxMs() >= 300.0);
    for (int i = 3001; i < 5000; ++i)
        recorder->addTick({kOrigin + i * 10 * kMs, kOrigin + i * 10 * kMs + 200'000});
    chart.refresh(kOrigin + 50 * kSec);
    QCOMPARE(xAxis(chart)->min(), 40.0);
    QVERIFY(chart.yMaxMs() <= 10.0);

    chart.setVisibleSeconds(5.0);
    QCOMPARE(xAxis(chart)->min(), 45.0);

    const double liveInterval = xAxis(chart)->tickInterval();
    chart.setLive(false);
    QCOMPARE(xAxis(chart)->min(), 0.0);
    QCOMPARE(xAxis(chart)->max(), 50.0);
    QVERIFY(chart.yMaxMs() >= 300.0);
    // The tick interval grows with the range, so the axis never lays out hundreds of labels.
    QVERIFY(xAxis(chart)->tickInterval() > liveInterval);
    QVERIFY(50.0 / xAxis(chart)->tickInterval() <= 20);
}

void TestLatencyChart::zoomAndReset()
{
    LatencyChart chart;
    showChart(chart);
    chart.setLive(false);
    chart.setRecorder(makeRecorder(60.0, 1.0, true), kOrigin);
    chart.refresh(kOrigin + 60 * kSec);
    QCOMPARE(chart.rubberBand(), QChartView::HorizontalRubberBand);

    // What the rubber band does: zoom into the left quarter of the plot.
    const QRectF plot = chart.chart()->plotArea();
    chart.chart()->zoomIn(QRectF(plot.left(), plot.top(), plot.width() / 4, plot.height()));
    QTRY_VERIFY(xAxis(chart)->max() < 20.0);
    QVERIFY(xAxis(chart)->min() < 1.0);
    // Re-decimated for the zoomed range, spike at 5 s still there and still driving y.
    QTRY_VERIFY(chart.plottedPoints().constLast().x() < 20.0);
    QVERIFY(chart.yMaxMs() >= 200.0);
    // The y labels may change width with the new range; the chart re-decimates for that.
    QTRY_VERIFY2(chart.plottedPointCount() <= 2 * int(chart.chart()->plotArea().width()) + 4,
             qPrintable(QStringLiteral("%1 points, %2 px, x %3..%4")
                            .arg(chart.plottedPointCount())
                            .arg(chart.chart()->plotArea().width())
                            .arg(xAxis(chart)->min())
                            .arg(xAxis(chart)->max())));

    // A refresh after the run keeps the zoom.
    chart.refresh(kOrigin + 60 * kSec);
    QVERIFY(xAxis(chart)->max() < 20.0);

    QTest::mouseClick(chart.viewport(), Qt::RightButton, {}, plot.center().toPoint());
    QCOMPARE(xAxis(chart)->min(), 0.0);
    QCOMPARE(xAxis(chart)->max(), 60.0);

    chart.chart()->zoomIn(QRectF(plot.left(), plot.top(), plot.width() / 2, plot.height()));
    QTRY_VERIFY(xAxis(chart)->max() < 40.0);
    QTest::mouseDClick(chart.viewport(), Qt::LeftButton, {}, plot.center().toPoint());
    QCOMPARE(xAxis(chart)->max(), 60.0);

    chart.setLive(true);
    QCOMPARE(chart.rubberBand(), QChartView::NoRubberBand);
}

void TestLatencyChart::thresholdToggling()
{
    LatencyChart chart;
    showChart(chart);
    chart.setLive(false);
    chart.setRecorder(makeRecorder(10.0, 10.0, true), kOrigin);
    chart.refresh(kOrigin + 10 * kSec);
    QVERIFY(chart.yMaxMs() >= 200.0 && chart.yMaxMs() < 500.0);

    // Frame, long task and slow response by default; the INP limits and the hang on demand.
    const bool defaults[] = {true, true, true, false, false, false};
    QCOMPARE(int(std::size(defaults)), int(Statistics::kBandsMs.size()));
    for (int i = 0; i < int(Statistics::kBandsMs.size()); ++i)
        QCOMPARE(chart.isThresholdVisible(i), defaults[i]);
    QVERIFY(!chart.isThresholdVisible(-1));
    QVERIFY(!chart.isThresholdVisible(6));

    auto lineFor = [&](const QString &start) -> QLineSeries * {
        for (QAbstractSeries *s : chart.chart()->series()) {
            if (s->name().startsWith(start))
                return qobject_cast<QLineSeries *>(s);
        }
        return nullptr;
    };
    QLineSeries *inpGood = lineFor(QStringLiteral("200 ms"));
    QLineSeries *frame = lineFor(QStringLiteral("16.7 ms"));
    QVERIFY(inpGood && frame);
    QVERIFY(!inpGood->isVisible());
    QGraphicsSimpleTextItem *inpLabel = referenceLabel(chart, QStringLiteral("200 ms"));
    QGraphicsSimpleTextItem *frameLabel = referenceLabel(chart, QStringLiteral("16.7 ms"));
    QVERIFY(inpLabel && frameLabel);
    QCOMPARE(inpLabel->text(), QStringLiteral("200 ms · INP good limit"));
    QVERIFY(!inpLabel->isVisible());
    QVERIFY(frameLabel->isVisible());

    chart.setThresholdVisible(3, true);
    QVERIFY(chart.isThresholdVisible(3));
    QVERIFY(inpGood->isVisible());
    QVERIFY(inpLabel->isVisible());
    const double lineY = chart.chart()->mapToPosition(QPointF(1.0, 200.0), inpGood).y();
    const QRectF box = inpLabel->sceneBoundingRect();
    QVERIFY(qAbs(box.bottom() - lineY) < 4 || qAbs(box.top() - lineY) < 4);
    // The line spans the x range at 200 ms.
    QCOMPARE(inpGood->points().size(), 2);
    QCOMPARE(inpGood->points().at(0).y(), 200.0);

    chart.setThresholdVisible(0, false);
    QVERIFY(!chart.isThresholdVisible(0));
    QVERIFY(!frame->isVisible());
    QVERIFY(!frameLabel->isVisible());
    // Stays hidden across refreshes and axis changes.
    chart.refresh(kOrigin + 10 * kSec);
    chart.setLogScale(true);
    QVERIFY(!frameLabel->isVisible());
    QVERIFY(inpLabel->isVisible());

    // The INP poor line (500 ms) is above this run's axis: on, but no label to show.
    chart.setLogScale(false);
    chart.setThresholdVisible(5, true);
    QVERIFY(chart.isThresholdVisible(5));
    QVERIFY(!referenceLabel(chart, QStringLiteral("500 ms"))->isVisible());
    // 200 and 250 ms lie close: their labels do not cover each other.
    chart.setThresholdVisible(4, true);
    chart.setLogScale(true);
    QGraphicsSimpleTextItem *hangLabel = referenceLabel(chart, QStringLiteral("250 ms"));
    QVERIFY(hangLabel->isVisible() && inpLabel->isVisible());
    QVERIFY(!hangLabel->sceneBoundingRect().intersects(inpLabel->sceneBoundingRect()));
    chart.setLogScale(false);

    // Reference lines never get legend entries, shown or not.
    for (QLegendMarker *marker : chart.chart()->legend()->markers()) {
        if (marker->label().contains(QLatin1String(" ms · ")))
            QVERIFY2(!marker->isVisible(), qPrintable(marker->label()));
    }
    chart.setThresholdVisible(42, true); // ignored
    chart.setThresholdVisible(0, true);
    QVERIFY(frameLabel->isVisible());
}

void TestLatencyChart::grabIsNotBlank()
{
    LatencyChart chart;
    showChart(chart, QSize(800, 300));
    chart.setLive(false);
    chart.setRecorder(makeRecorder(10.0, 10.0, true), kOrigin);
    chart.refresh(kOrigin + 10 * kSec);

    const QImage image = chart.grab().toImage();
    QVERIFY(!image.isNull());
    const QRgb corner = image.pixel(0, 0);
    int different = 0;
    int lagLike = 0;
    const QColor lag = Theme::lagColor();
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QRgb p = image.pixel(x, y);
            different += p != corner ? 1 : 0;
            lagLike += (qAbs(qRed(p) - lag.red()) < 30 && qAbs(qGreen(p) - lag.green()) < 30
                        && qAbs(qBlue(p) - lag.blue()) < 30)
                           ? 1
                           : 0;
        }
    }
    QVERIFY(different > image.width() * image.height() / 100);
    QVERIFY(lagLike > 200);
}

// The lag chart and the timeline in the dashboard: one time is one x in both, and either
// view's zoom, whole-run request and hover move the other.
void TestLatencyChart::sharesTheTimelinesAxis()
{
    Dashboard dashboard;
    dashboard.resize(1200, 800);
    auto recorder = makeRecorder(20.0, 10.0, true);
    recorder->registerLane(QStringLiteral("GUI thread"));
    dashboard.setRecorder(recorder, kOrigin, 10 * kMs);
    dashboard.setLive(false);
    dashboard.refreshCharts(kOrigin + 20 * kSec);
    dashboard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dashboard));
    LatencyChart *chart = dashboard.latencyChart();
    TimelineView *timeline = dashboard.timeline();

    auto chartX = [chart](double seconds) {
        return chart->chart()->mapToPosition(QPointF(seconds, 0), lagSeries(*chart)).x();
    };
    auto timelineX = [timeline](double seconds) {
        return timeline->axis().mapTimeToX(kOrigin + qint64(seconds * 1e9));
    };
    // Across the range in view, within a pixel (Qt Charts places its plot at fractions).
    auto aligned = [&] {
        const TimeAxis axis = timeline->axis();
        for (int quarter = 0; quarter <= 4; ++quarter) {
            const double t = double(axis.startNs - kOrigin + axis.spanNs / 4 * quarter) / 1e9;
            if (std::abs(chartX(t) - timelineX(t)) > 1.0)
                return false;
        }
        return true;
    };
    // Both widgets span the same width in the splitter, so widget x is comparable.
    QCOMPARE(chart->mapTo(&dashboard, QPoint()).x(), timeline->mapTo(&dashboard, QPoint()).x());
    QTRY_VERIFY2(aligned(), qPrintable(QStringLiteral("2 s at %1 in the chart, %2 in the timeline")
                                           .arg(chartX(2.0)).arg(timelineX(2.0))));
    QCOMPARE(timeline->axis().startNs, kOrigin);
    QCOMPARE(timeline->axis().endNs(), kOrigin + 20 * kSec);

    // The timeline's wheel zooms the chart with it.
    const QPoint at(int(timelineX(5.0)), 60);
    QWheelEvent wheel(at, timeline->mapToGlobal(at), QPoint(), QPoint(0, 480), Qt::NoButton, Qt::NoModifier,
                      Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(timeline, &wheel);
    QVERIFY(timeline->axis().spanNs < 10 * kSec);
    QTRY_VERIFY2(aligned(), qPrintable(QStringLiteral("5 s at %1 in the chart, %2 in the timeline; 19 s at %3, %4")
                                           .arg(chartX(5.0)).arg(timelineX(5.0)).arg(chartX(19.0)).arg(timelineX(19.0))));
    auto *x = qobject_cast<QValueAxis *>(chart->chart()->axes(Qt::Horizontal).constFirst());
    QVERIFY(std::abs(x->min() - double(timeline->axis().startNs - kOrigin) / 1e9) < 1e-6);
    QVERIFY(std::abs(x->max() - double(timeline->axis().endNs() - kOrigin) / 1e9) < 1e-6);

    // A range dragged on the chart is the timeline's next view, exactly.
    emit chart->rangeSelected(6.0, 8.0);
    QCOMPARE(timeline->axis().startNs, kOrigin + 6 * kSec);
    QCOMPARE(timeline->axis().endNs(), kOrigin + 8 * kSec);
    QTRY_VERIFY(std::abs(x->min() - 6.0) < 1e-6 && std::abs(x->max() - 8.0) < 1e-6);
    // The chart's wheel zooms the timeline.
    emit chart->zoomRequested(7.0, 2.0);
    QCOMPARE(timeline->axis().spanNs, kSec);
    // Double click on the chart: the whole run, in both.
    QTest::mouseDClick(chart->viewport(), Qt::LeftButton, Qt::NoModifier, QPoint(int(chartX(7.2)), 80));
    QCOMPARE(timeline->axis().startNs, kOrigin);
    QCOMPARE(timeline->axis().endNs(), kOrigin + 20 * kSec);
    QTRY_VERIFY(aligned());

    // Hover over the spike in the chart: the line shows in the timeline at the same time, and
    // the chart's label says the lag there.
    // (a tick is drawn when it ran: the one due at 5 s ran at 5.2 s)
    QTest::mouseMove(chart->viewport(), QPoint(int(std::round(chartX(5.2))), 80));
    QTRY_VERIFY(timeline->hoverNs() > 0);
    QVERIFY(std::abs(timeline->hoverNs() - (kOrigin + 5200 * kMs)) < timeline->axis().nsPerPx() * 1.5);
    QVERIFY2(chart->hoverText().contains(QStringLiteral("lag 200 ms")), qPrintable(chart->hoverText()));
    // Over the timeline, a quiet moment: the chart's label gives that tick's lag.
    QTest::mouseMove(timeline, QPoint(int(timelineX(10.0)), 60));
    QTRY_VERIFY(chart->hoverText().startsWith(QStringLiteral("10.0")));
    QVERIFY2(chart->hoverText().contains(QStringLiteral("lag 0.")), qPrintable(chart->hoverText()));
}

void TestLatencyChart::lagLineLandsWhereTheSeriesWould()
{
    LatencyChart chart;
    showChart(chart);
    chart.setLive(false);
    chart.setRecorder(makeRecorder(10.0, 10.0, true), kOrigin);
    chart.refresh(kOrigin + 10 * kSec);
    QLineSeries *lag = lagSeries(chart);
    const LagLineItem *line = chart.lagLine();
    QVERIFY(lag && line);
    // The series stays, empty, for the legend; the item holds the line.
    QCOMPARE(lag->count(), 0);
    QCOMPARE(line->pen(), lag->pen());
    auto check = [&] {
        QCOMPARE(line->pos(), chart.chart()->plotArea().topLeft());
        QCOMPARE(line->pixelPoints().size(), line->points().size());
        QVERIFY(line->points().size() > 100);
        for (qsizetype i = 0; i < line->points().size(); ++i) {
            // Qt Charts' own mapping through the series' axes.
            const QPointF want = chart.chart()->mapToPosition(line->points().at(i), lag);
            const QPointF got = line->pos() + line->pixelPoints().at(i);
            if (std::abs(want.x() - got.x()) > 1e-6 || std::abs(want.y() - got.y()) > 1e-6)
                QFAIL(qPrintable(QStringLiteral("point %1: %2,%3 against %4,%5")
                                     .arg(i).arg(got.x()).arg(got.y()).arg(want.x()).arg(want.y())));
        }
    };
    check();
    chart.setLogScale(true);
    QVERIFY(line->mapping().logY);
    check();
    chart.resize(700, 500);
    QTRY_VERIFY(chart.chart()->plotArea().height() > 300);
    QCoreApplication::processEvents();
    check();
}

void TestLatencyChart::wholeRunHoldsWithinAPixel()
{
    LatencyChart chart;
    showChart(chart);
    chart.setLive(false);
    auto recorder = makeRecorder(600.0, 10.0, false);
    chart.setRecorder(recorder, kOrigin);
    chart.refresh(kOrigin + 600 * kSec);
    QCOMPARE(xAxis(chart)->max(), 600.0);
    const double pxPerS = chart.chart()->plotArea().width() / 600.0;

    // A running run: 50 ms more a frame is a twentieth of a pixel. The axis keeps its end
    // and the line still takes every tick (a spike among them shows at the right edge).
    qint64 ns = kOrigin + 600 * kSec;
    for (int frame = 0; frame < 5; ++frame) {
        for (int i = 0; i < 5; ++i, ns += 10 * kMs)
            recorder->addTick({ns, ns + (frame == 3 && i == 2 ? 80 * kMs : 100'000)});
        chart.refresh(ns);
    }
    QCOMPARE(xAxis(chart)->max(), 600.0);
    QVERIFY(chart.yMaxMs() >= 80.0);
    QList<TickSample> ticks;
    for (quint32 i = 0; i < recorder->tickCount(); ++i)
        ticks.append(recorder->tick(i));
    const LagDecimator decimator(0.0, 600.0, int(chart.chart()->plotArea().width()));
    QCOMPARE(chart.plottedPoints(), decimator.decimate(ticks, kOrigin));

    // A whole pixel on, the axis follows; the last refresh of a run (no new tick) is exact.
    const qint64 pixel = qint64(1.5e9 / pxPerS);
    recorder->addTick({ns + pixel, ns + pixel + 100'000});
    chart.refresh(ns + pixel);
    QVERIFY(xAxis(chart)->max() > 600.0);
    recorder->addTick({ns + pixel + 10 * kMs, ns + pixel + 10 * kMs + 100'000});
    chart.refresh(ns + pixel + 20 * kMs);
    chart.refresh(ns + pixel + 20 * kMs);
    QCOMPARE(xAxis(chart)->max(), double(ns + pixel + 20 * kMs - kOrigin) / 1e9);
}

QTEST_MAIN(TestLatencyChart)
#include "tst_latencychart.moc"
