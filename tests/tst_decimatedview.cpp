#include "charts/lagpyramid.h"
#include "charts/latencychart.h"
#include "engine/recorder.h"
#include "engine/runconfig.h"
#include "formats/runfile.h"
#include "timeline/timelinelayout.h"
#include "timeline/timelineview.h"

#include <QTest>
#include <QtCharts/QChart>
#include <QtCharts/QLineSeries>

#include <memory>

// The window's charts on a run whose recorder bounds its raw history (Recorder::setRawHistory):
// they drop what the recorder drops, and still show the old part.
namespace {
constexpr qint64 kMs = 1'000'000;
constexpr qint64 kS = 1'000'000'000;
constexpr qint64 kOrigin = 5000 * kS;
constexpr qint64 kRunNs = 60 * kS;
constexpr qint64 kSpikeAt = 5 * kS;
constexpr qint64 kSpanEvery = 1500'000; // 40 K spans in 60 s: more than two 16 K chunks

const bool s_platformSet = [] {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    return true;
}();

// 60 s of a 1 kHz ticker and a 1 ms I/O task on pool-1 every 1.5 ms, 10 s of raw history,
// compacted every 2 s as Session does; one 200 ms tick at 5 s. step(nowNs) runs after each
// simulated second, so views can pull as they would live.
template<typename Step>
void record(Recorder *recorder, Step step)
{
    recorder->registerLane(QStringLiteral("GUI thread"));
    const int pool = recorder->registerLane(QStringLiteral("pool-1"));
    recorder->addModeSwitch(kOrigin, ExecMode::Pool);
    recorder->setRawHistory(10 * kS, kMs);
    qint64 nextSpan = 0;
    for (qint64 t = 0; t < kRunNs; t += kMs) {
        TickSample tick;
        tick.expectedNs = kOrigin + t;
        tick.actualNs = tick.expectedNs + (t == kSpikeAt ? 200 * kMs : 50'000 + (t / kMs % 5) * 10'000);
        recorder->addTick(tick);
        for (; nextSpan <= t; nextSpan += kSpanEvery) {
            const qint64 at = kOrigin + nextSpan;
            const quint32 id = recorder->beginSpan(WorkKind::Io, ExecMode::Pool, at);
            recorder->markStart(id, pool, at + 100'000);
            recorder->markEnd(id, at + 1'100'000, SpanState::Done);
        }
        const qint64 now = kOrigin + t + kMs;
        if (t % (2 * kS) == 2 * kS - kMs)
            recorder->compact(now);
        if (t % kS == kS - kMs)
            step(now);
    }
}

// Whether the chart's lag line holds a point near (xS, yMs).
bool plots(LatencyChart &chart, double xS, double yMs)
{
    for (const QPointF &p : chart.plottedPoints()) {
        if (qAbs(p.x() - xS) < 0.5 && qAbs(p.y() - yMs) < 1.0)
            return true;
    }
    return false;
}

// The last span's running time, on the pool-1 row.
QPoint lastSpanPoint(const TimelineView &view, const Recorder &recorder)
{
    const Span s = recorder.span(recorder.spanCount() - 1);
    const TimelineLayout l = view.layout();
    return QPoint(int(view.axis().mapTimeToX((s.startNs + s.endNs) / 2)), l.rowTop(s.lane) + l.rowHeight(s.lane) / 2);
}
} // namespace

class tst_DecimatedView : public QObject
{
    Q_OBJECT
private slots:
    void liveRunFollowsTheRecorder();
    void reopenedRunShowsItsSpans();
    void pyramidDropFrontMatchesFresh_data();
    void pyramidDropFrontMatchesFresh();
};

void tst_DecimatedView::liveRunFollowsTheRecorder()
{
    LatencyChart chart;
    TimelineView timeline;
    chart.resize(900, 360);
    timeline.resize(900, 200);
    chart.show();
    timeline.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    QVERIFY(QTest::qWaitForWindowExposed(&timeline));

    auto recorder = std::make_shared<Recorder>();
    chart.setRecorder(recorder, kOrigin);
    timeline.setRecorder(recorder, kOrigin);
    int maxHeld = 0;
    record(recorder.get(), [&](qint64 now) {
        chart.refresh(now);
        timeline.refresh(now);
        maxHeld = qMax(maxHeld, chart.heldPointCount());
    });
    const qint64 endNs = kOrigin + kRunNs;
    QVERIFY(recorder->firstTick() > 0);
    QVERIFY(recorder->firstSpan() > 0);

    // Bounded: the raw ticks the recorder holds and two points per decimated interval, never
    // the whole run (60 K ticks).
    const int raw = int(recorder->tickCount() - recorder->firstTick());
    const int intervals = int(recorder->decimatedIntervals().size());
    QCOMPARE(chart.heldPointCount(), raw + 2 * intervals);
    QVERIFY2(maxHeld <= 10'000 + 2 * int(Recorder::kChunkSize) + 2 * intervals, qPrintable(QString::number(maxHeld)));
    QVERIFY(chart.heldPointCount() < int(recorder->tickCount()) / 2);

    // The whole run still shows the decimated 200 ms spike, and the y axis makes room for it.
    chart.setLive(false);
    chart.refresh(endNs);
    QVERIFY(chart.yMaxMs() >= 200);
    QVERIFY(plots(chart, double(kSpikeAt) / 1e9 + 0.2, 200.0));

    // The timeline holds the kept spans, from the recorder's first kept one on.
    timeline.setLive(false);
    timeline.refresh(endNs);
    timeline.showAll();
    const int hit = timeline.spanAt(lastSpanPoint(timeline, *recorder));
    QVERIFY2(hit >= int(recorder->firstSpan()), qPrintable(QString::number(hit)));
    QVERIFY(timeline.toolTipFor(hit).contains(QStringLiteral("Task %1").arg(hit)));
    // Nothing is hit in the decimated part, which is drawn as a band.
    const TimelineLayout l = timeline.layout();
    const QPoint decimated(int(timeline.axis().mapTimeToX(kOrigin + 2 * kS)), l.rowTop(1) + l.rowHeight(1) / 2);
    QCOMPARE(timeline.spanAt(decimated), -1);
    const QImage image = timeline.grab().toImage();
    QVERIFY(!image.isNull());
}

void tst_DecimatedView::reopenedRunShowsItsSpans()
{
    Recorder recorder;
    record(&recorder, [](qint64) {});
    QVERIFY(recorder.firstSpan() > 0);
    const qint64 endNs = kOrigin + kRunNs;
    const QByteArray saved = RunFile::save(recorder, RunConfig(), kOrigin, endNs);
    LoadedRun run;
    QString error;
    QVERIFY2(RunFile::load(saved, &run, &error), qPrintable(error));
    QCOMPARE(run.recorder->firstSpan(), recorder.firstSpan());

    TimelineView timeline;
    timeline.resize(900, 200);
    timeline.show();
    QVERIFY(QTest::qWaitForWindowExposed(&timeline));
    timeline.setRecorder(run.recorder, run.startNs);
    timeline.setLive(false);
    timeline.refresh(run.endNs);
    timeline.showAll();
    const int hit = timeline.spanAt(lastSpanPoint(timeline, *run.recorder));
    QVERIFY2(hit >= int(run.recorder->firstSpan()), qPrintable(QString::number(hit)));
    QVERIFY(!timeline.toolTipFor(hit).isEmpty());

    // The reopened chart holds the raw part and the intervals, and shows the old spike.
    LatencyChart chart;
    chart.resize(900, 360);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    chart.setRecorder(run.recorder, run.startNs);
    chart.setLive(false);
    chart.refresh(run.endNs);
    QVERIFY(chart.heldPointCount() < int(run.recorder->tickCount()) / 2);
    QVERIFY(chart.yMaxMs() >= 200);
    QVERIFY(plots(chart, double(kSpikeAt) / 1e9 + 0.2, 200.0));
}

void tst_DecimatedView::pyramidDropFrontMatchesFresh_data()
{
    QTest::addColumn<int>("count");
    QTest::addColumn<int>("dropped");
    QTest::newRow("one block") << 1000 << 8;
    QTest::newRow("a chunk") << 40000 << 16384;
    QTest::newRow("odd blocks") << 40000 << 24;
    QTest::newRow("not a block") << 1000 << 5;
    QTest::newRow("all") << 64 << 64;
}

void tst_DecimatedView::pyramidDropFrontMatchesFresh()
{
    QFETCH(int, count);
    QFETCH(int, dropped);
    QVector<QPointF> points;
    for (int i = 0; i < count; ++i) {
        // Now and then a point handled late, after later ones.
        const double x = i % 97 == 0 && i > 0 ? i - 1.5 : i;
        points.append(QPointF(x, double((i * 7919) % 1013) + (i % 13 == 0 ? 5000 : 0)));
    }
    LagPyramid pyramid;
    pyramid.append(points.constData(), points.size());
    points.remove(0, dropped);
    pyramid.dropFront(points.constData(), points.size(), dropped);
    // And grows on after the drop.
    for (int i = 0; i < 100; ++i)
        points.append(QPointF(count + i, double(i % 17)));
    pyramid.append(points.constData(), points.size());
    LagPyramid fresh;
    fresh.append(points.constData(), points.size());
    QCOMPARE(pyramid.size(), fresh.size());
    QCOMPARE(pyramid.descents(), fresh.descents());
    for (qsizetype first : {qsizetype(0), qsizetype(3), qsizetype(8), qsizetype(1000)}) {
        for (qsizetype last : {points.size(), points.size() / 2, first + 17}) {
            if (first >= last || last > points.size())
                continue;
            const LagPyramid::Extremes a = pyramid.extremes(points.constData(), first, last);
            const LagPyramid::Extremes b = fresh.extremes(points.constData(), first, last);
            QCOMPARE(a.lo, b.lo);
            QCOMPARE(a.hi, b.hi);
        }
    }
}

QTEST_MAIN(tst_DecimatedView)
#include "tst_decimatedview.moc"
