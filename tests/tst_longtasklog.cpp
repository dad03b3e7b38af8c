#include "window/dashboard.h"
#include "charts/laghistogramchart.h"
#include "charts/latencychart.h"
#include "window/longtasklog.h"
#include "engine/recorder.h"
#include "stats/statistics.h"
#include "timeline/timelineview.h"

#include <QAbstractItemModel>
#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTest>
#include <QtCharts/QBarCategoryAxis>
#include <QtCharts/QChart>
#include <QtCharts/QLegend>

#include <memory>

namespace {
constexpr qint64 kMs = 1'000'000;
constexpr qint64 kS = 1'000'000'000;
constexpr qint64 kOrigin = 5000 * kS;
constexpr qint64 kIntervalMs = 10;

quint32 addSpan(Recorder &r, WorkKind kind, ExecMode mode, int lane, qint64 startMs, qint64 endMs)
{
    const quint32 id = r.beginSpan(kind, mode, kOrigin + startMs * kMs);
    r.markStart(id, lane, kOrigin + startMs * kMs);
    if (endMs >= 0)
        r.markEnd(id, kOrigin + endMs * kMs, SpanState::Done);
    return id;
}

// Punctual ticks (0.2 ms late) due every 10 ms in [fromMs, toMs).
void addPunctualTicks(Recorder &r, qint64 fromMs, qint64 toMs)
{
    for (qint64 ms = fromMs; ms < toMs; ms += kIntervalMs)
        r.addTick({kOrigin + ms * kMs, kOrigin + ms * kMs + 200'000});
}

void addLateTick(Recorder &r, qint64 dueMs, qint64 ranMs)
{
    r.addTick({kOrigin + dueMs * kMs, kOrigin + ranMs * kMs});
}

// Two stalls: at 1.005 s during inline task 3, at 2.005 s while the loop waited (span 5) on
// pool task 4. A 10 ms inline task at 0.5 s makes a tick 8 ms late: no stall.
std::shared_ptr<Recorder> twoStalls()
{
    auto r = std::make_shared<Recorder>();
    r->registerLane(QStringLiteral("GUI thread"));
    r->registerLane(QStringLiteral("pool-1"));
    r->addModeSwitch(kOrigin, ExecMode::Pool);
    addSpan(*r, WorkKind::Io, ExecMode::Pool, 1, 100, 300);         // 0
    addSpan(*r, WorkKind::Io, ExecMode::Inline, 0, 500, 510);       // 1
    addSpan(*r, WorkKind::Cpu, ExecMode::Pool, 1, 800, 1500);       // 2, overlaps but off the loop
    addSpan(*r, WorkKind::Io, ExecMode::Inline, 0, 1000, 1200);     // 3
    addSpan(*r, WorkKind::Io, ExecMode::Wait, 1, 2000, 2300);       // 4
    addSpan(*r, WorkKind::Wait, ExecMode::Wait, 0, 2000, 2300);     // 5
    addPunctualTicks(*r, 0, 500);
    addLateTick(*r, 505, 513); // 8 ms
    addPunctualTicks(*r, 515, 1000);
    addLateTick(*r, 1005, 1201);
    addPunctualTicks(*r, 1211, 2000);
    addLateTick(*r, 2005, 2301);
    addPunctualTicks(*r, 2311, 2500);
    return r;
}
} // namespace

class tst_LongTaskLog : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void listsStalls();
    void refreshAppends();
    void clickAndEnterActivate();
    void runningSpanAndNoSpan();
    void workStealingInsideWait();
    void findsLoopSpanAmongMany();
    void clearsWithNullRecorder();
    void dashboardJumpsToStall();
    void histogramCountsIncrementally();
    void histogramLabelsWrapWhenNarrow();

private:
    std::unique_ptr<LongTaskLog> m_log;
    std::shared_ptr<Recorder> m_recorder;
};

void tst_LongTaskLog::init()
{
    m_log = std::make_unique<LongTaskLog>();
    m_log->resize(900, 240);
    m_log->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_log.get()));
    m_recorder = twoStalls();
    m_log->setRecorder(m_recorder, kOrigin);
}

void tst_LongTaskLog::cleanup()
{
    m_log.reset();
    m_recorder.reset();
}

void tst_LongTaskLog::listsStalls()
{
    QCOMPARE(m_log->stallCount(), 2);
    QCOMPARE(m_log->model()->rowCount(), 2);
    QCOMPARE(m_log->model()->columnCount(), int(LongTaskLog::ColumnCount));
    QCOMPARE(m_log->accessibleName(), QStringLiteral("Long-task log"));

    const LongTaskLog::Stall first = m_log->stall(0);
    QCOMPARE(first.startNs, kOrigin + 1005 * kMs);
    QCOMPARE(first.endNs, kOrigin + 1201 * kMs);
    QCOMPARE(first.spans.size(), 1);
    QCOMPARE(first.spans.at(0).id, 3u);
    QCOMPARE(m_log->cellText(0, LongTaskLog::AtColumn), QStringLiteral("1.005 s"));
    QCOMPARE(m_log->cellText(0, LongTaskLog::StallColumn), QStringLiteral("196 ms"));
    QCOMPARE(m_log->cellText(0, LongTaskLog::TaskColumn), QStringLiteral("#3"));
    QCOMPARE(m_log->cellText(0, LongTaskLog::KindColumn), QStringLiteral("I/O"));
    QCOMPARE(m_log->cellText(0, LongTaskLog::ModeColumn), QStringLiteral("Blocking"));
    QCOMPARE(m_log->cellText(0, LongTaskLog::WhatColumn), QStringLiteral("I/O task #3 ran 195 ms"));

    const LongTaskLog::Stall second = m_log->stall(1);
    QCOMPARE(second.startNs, kOrigin + 2005 * kMs);
    QCOMPARE(second.endNs, kOrigin + 2301 * kMs);
    QCOMPARE(second.spans.size(), 1);
    QCOMPARE(second.spans.at(0).id, 5u);
    QCOMPARE(m_log->cellText(1, LongTaskLog::AtColumn), QStringLiteral("2.005 s"));
    QCOMPARE(m_log->cellText(1, LongTaskLog::StallColumn), QStringLiteral("296 ms"));
    QCOMPARE(m_log->cellText(1, LongTaskLog::TaskColumn), QStringLiteral("#5"));
    QCOMPARE(m_log->cellText(1, LongTaskLog::KindColumn), QStringLiteral("wait"));
    QCOMPARE(m_log->cellText(1, LongTaskLog::ModeColumn), QStringLiteral("Wait"));
    QVERIFY(m_log->cellText(1, LongTaskLog::WhatColumn).startsWith(QLatin1String("waited on another thread")));

    const QString tip = m_log->model()->index(1, 0).data(Qt::ToolTipRole).toString();
    for (const QString &part : {QStringLiteral("2.005 s"), QStringLiteral("296 ms"), QStringLiteral("Task 5"),
                                QStringLiteral("waited on another thread")})
        QVERIFY2(tip.contains(part), qPrintable(tip + QStringLiteral(" lacks ") + part));
    QVERIFY(!m_log->model()->headerData(LongTaskLog::StallColumn, Qt::Horizontal, Qt::ToolTipRole).toString().isEmpty());
}

void tst_LongTaskLog::refreshAppends()
{
    QSignalSpy inserted(m_log->model(), &QAbstractItemModel::rowsInserted);
    QSignalSpy reset(m_log->model(), &QAbstractItemModel::modelReset);
    m_log->refresh(); // nothing new
    QCOMPARE(inserted.count(), 0);

    addSpan(*m_recorder, WorkKind::Cpu, ExecMode::Inline, 0, 2600, 2700); // 6
    addPunctualTicks(*m_recorder, 2500, 2600);
    addLateTick(*m_recorder, 2605, 2702);
    addPunctualTicks(*m_recorder, 2712, 3000);
    m_log->refresh();
    QCOMPARE(m_log->stallCount(), 3);
    QCOMPARE(inserted.count(), 1);
    QCOMPARE(inserted.at(0).at(1).toInt(), 2);
    QCOMPARE(inserted.at(0).at(2).toInt(), 2);
    QCOMPARE(reset.count(), 0);
    QCOMPARE(m_log->cellText(2, LongTaskLog::TaskColumn), QStringLiteral("#6"));
    QCOMPARE(m_log->cellText(2, LongTaskLog::KindColumn), QStringLiteral("CPU"));
    QCOMPARE(m_log->cellText(2, LongTaskLog::StallColumn), QStringLiteral("97.0 ms"));
    // Earlier rows untouched and still in time order.
    QCOMPARE(m_log->cellText(0, LongTaskLog::TaskColumn), QStringLiteral("#3"));
    QVERIFY(m_log->stall(1).startNs < m_log->stall(2).startNs);
}

void tst_LongTaskLog::clickAndEnterActivate()
{
    QSignalSpy activated(m_log.get(), &LongTaskLog::stallActivated);
    const QRect row1 = m_log->visualRect(m_log->model()->index(1, LongTaskLog::WhatColumn));
    QVERIFY(row1.isValid());
    QTest::mouseClick(m_log->viewport(), Qt::LeftButton, {}, row1.center());
    QCOMPARE(activated.count(), 1);
    QCOMPARE(activated.at(0).at(0).toLongLong(), kOrigin + 2005 * kMs);
    QCOMPARE(activated.at(0).at(1).toLongLong(), kOrigin + 2301 * kMs);

    m_log->setFocus();
    m_log->setCurrentIndex(m_log->model()->index(0, 0));
    QTest::keyClick(m_log.get(), Qt::Key_Return);
    QCOMPARE(activated.count(), 2);
    QCOMPARE(activated.at(1).at(0).toLongLong(), kOrigin + 1005 * kMs);
    QCOMPARE(activated.at(1).at(1).toLongLong(), kOrigin + 1201 * kMs);

    // Moving the selection alone does not jump.
    QTest::keyClick(m_log.get(), Qt::Key_Down);
    QCOMPARE(activated.count(), 2);
    // A click below the rows hits nothing.
    QTest::mouseClick(m_log->viewport(), Qt::LeftButton, {}, QPoint(20, m_log->viewport()->height() - 5));
    QCOMPARE(activated.count(), 2);
}

void tst_LongTaskLog::runningSpanAndNoSpan()
{
    auto r = std::make_shared<Recorder>();
    r->registerLane(QStringLiteral("GUI thread"));
    addSpan(*r, WorkKind::Io, ExecMode::Pool, 0, 0, 10); // over before the first stall
    addLateTick(*r, 20, 90); // nothing on the loop
    addSpan(*r, WorkKind::Cpu, ExecMode::Nested, 0, 100, -1); // still running
    addLateTick(*r, 150, 260);
    m_log->setRecorder(r, kOrigin);
    QCOMPARE(m_log->stallCount(), 2);
    QCOMPARE(m_log->cellText(0, LongTaskLog::TaskColumn), QStringLiteral("—"));
    QVERIFY(m_log->cellText(0, LongTaskLog::WhatColumn).startsWith(QLatin1String("no task on the loop")));
    QCOMPARE(m_log->cellText(1, LongTaskLog::TaskColumn), QStringLiteral("#1"));
    QCOMPARE(m_log->cellText(1, LongTaskLog::WhatColumn), QStringLiteral("CPU task #1 ran 110 ms"));
    QVERIFY(m_log->model()->index(1, 0).data(Qt::ToolTipRole).toString().contains(QLatin1String("still running")));
}

void tst_LongTaskLog::workStealingInsideWait()
{
    // Waiting on its future, the loop ran the pool task itself (Qt's work stealing).
    auto r = std::make_shared<Recorder>();
    r->registerLane(QStringLiteral("GUI thread"));
    addSpan(*r, WorkKind::Io, ExecMode::Wait, 0, 100, 300);   // 0, stolen
    addSpan(*r, WorkKind::Wait, ExecMode::Wait, 0, 100, 300); // 1
    addLateTick(*r, 105, 301);
    m_log->setRecorder(r, kOrigin);
    QCOMPARE(m_log->stallCount(), 1);
    QCOMPARE(m_log->cellText(0, LongTaskLog::TaskColumn), QStringLiteral("#0, #1"));
    QCOMPARE(m_log->cellText(0, LongTaskLog::KindColumn), QStringLiteral("I/O, wait"));
    QCOMPARE(m_log->cellText(0, LongTaskLog::WhatColumn),
             QStringLiteral("I/O task #0 ran 195 ms; the wait ran it on the loop (Qt work stealing)"));
    QVERIFY(m_log->model()->index(0, 0).data(Qt::ToolTipRole).toString().contains(QLatin1String("work stealing")));
}

void tst_LongTaskLog::findsLoopSpanAmongMany()
{
    // 60 s of 1 ms pool tasks, one inline task in the middle.
    auto r = std::make_shared<Recorder>();
    r->registerLane(QStringLiteral("GUI thread"));
    r->registerLane(QStringLiteral("pool-1"));
    quint32 inlineId = 0;
    for (qint64 ms = 0; ms < 60'000; ++ms) {
        addSpan(*r, WorkKind::Io, ExecMode::Pool, 1, ms, ms + 1);
        if (ms == 30'000)
            inlineId = addSpan(*r, WorkKind::Cpu, ExecMode::Inline, 0, ms, ms + 300);
    }
    addPunctualTicks(*r, 0, 30'000);
    addLateTick(*r, 30'005, 30'301);
    addPunctualTicks(*r, 30'311, 60'000);
    QElapsedTimer timer;
    timer.start();
    m_log->setRecorder(r, kOrigin);
    qDebug("6000 ticks, 60k spans: %.2f ms", timer.nsecsElapsed() / 1e6);
    QCOMPARE(m_log->stallCount(), 1);
    QCOMPARE(m_log->stall(0).spans.size(), 1);
    QCOMPARE(m_log->stall(0).spans.at(0).id, inlineId);
}

void tst_LongTaskLog::clearsWithNullRecorder()
{
    m_log->setRecorder(nullptr, 0);
    QCOMPARE(m_log->stallCount(), 0);
    m_log->refresh();
    QCOMPARE(m_log->stallCount(), 0);
    QVERIFY(!m_log->grab().isNull());
}

void tst_LongTaskLog::dashboardJumpsToStall()
{
    Dashboard dashboard;
    dashboard.resize(1280, 900);
    dashboard.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dashboard));
    dashboard.setRecorder(m_recorder, kOrigin, kIntervalMs * kMs);
    dashboard.refreshCharts(kOrigin + 2500 * kMs);
    QCOMPARE(dashboard.longTaskLog()->stallCount(), 2);
    auto *tabs = dashboard.findChild<QTabWidget *>();
    QVERIFY(tabs);
    QCOMPARE(tabs->currentWidget(), static_cast<QWidget *>(dashboard.histogram()));
    QCOMPARE(tabs->tabText(1), QStringLiteral("Long tasks (2)"));
    qDebug("chart %d px, timeline %d px, tabs %d px", dashboard.latencyChart()->height(),
           dashboard.timeline()->height(), tabs->height());
    QVERIFY(tabs->height() >= 150);
    QVERIFY(dashboard.latencyChart()->height() > 2 * tabs->height());

    QSignalSpy live(dashboard.timeline(), &TimelineView::liveChanged);
    emit dashboard.longTaskLog()->stallActivated(kOrigin + 1005 * kMs, kOrigin + 1201 * kMs);
    QCOMPARE(live.count(), 1);
    QVERIFY(!dashboard.timeline()->isLive());
    const TimeAxis axis = dashboard.timeline()->axis();
    QVERIFY(axis.startNs < kOrigin + 1005 * kMs);
    QVERIFY(axis.endNs() > kOrigin + 1201 * kMs);
    QVERIFY(axis.spanNs < 400 * kMs);

    // Leaving live from the window now keeps that view.
    dashboard.setLive(false);
    QCOMPARE(dashboard.timeline()->axis().startNs, axis.startNs);
    dashboard.setLive(true);
    dashboard.setLive(false);
    QCOMPARE(dashboard.timeline()->axis().startNs, kOrigin);
}

void tst_LongTaskLog::histogramCountsIncrementally()
{
    LagHistogramChart chart;
    chart.resize(900, 220);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
    chart.setRecorder(m_recorder, kIntervalMs * kMs);
    const qint64 ticks = m_recorder->tickCount();
    QCOMPARE(chart.totalCount(false), ticks);
    QCOMPARE(chart.count(LagHistogramChart::categoryOf(200'000), false), ticks - 3); // punctual ones
    QCOMPARE(chart.count(LagHistogramChart::categoryOf(8 * kMs), false), 1);
    QCOMPARE(chart.count(LagHistogramChart::categoryOf(196 * kMs), false), 2);
    // 196 ms late at 10 ms: 18 missed ticks (186 .. 16 ms late), 296 ms: 28 (286 .. 16).
    QCOMPARE(chart.totalCount(true), ticks + 18 + 28);
    // 100–300 ms: both stalls, 186..106 (9) and 286..106 (19) missed.
    QCOMPARE(chart.count(LagHistogramChart::categoryOf(200 * kMs), true), 2 + 9 + 19);
    QVERIFY(chart.p99Ms(true) > chart.p99Ms(false));
    QVERIFY(chart.chart()->title().contains(QLatin1String("p99 raw")));

    QCOMPARE(LagHistogramChart::categoryOf(0), 0);
    QCOMPARE(LagHistogramChart::categoryOf(99'999), 0);
    QCOMPARE(LagHistogramChart::categoryOf(100'000), 1);
    QCOMPARE(LagHistogramChart::categoryOf(5 * kS), LagHistogramChart::kCategories - 1);
    QCOMPARE(LagHistogramChart::categoryName(LagHistogramChart::kCategories - 1), QStringLiteral("≥1000"));

    addLateTick(*m_recorder, 2505, 2605); // 100 ms: 9 missed, 90 .. 10
    chart.refresh();
    QCOMPARE(chart.totalCount(false), ticks + 1);
    QCOMPARE(chart.totalCount(true), ticks + 1 + 18 + 28 + 9);

    // A different interval recounts from the start.
    chart.setIntervalNs(100 * kMs);
    QCOMPARE(chart.totalCount(false), ticks + 1);
    QCOMPARE(chart.totalCount(true), ticks + 1 + 1); // only 296 ms misses one (196 ms)

    chart.setLogScale(false);
    QVERIFY(!chart.isLogScale());
    chart.setLogScale(true);
    QVERIFY(!chart.grab().isNull());
}

// At 1024 px the bucket labels would be cut to "0.1–…"; they take two lines instead.
void tst_LongTaskLog::histogramLabelsWrapWhenNarrow()
{
    LagHistogramChart chart;
    chart.resize(1400, 220);
    chart.show();
    QVERIFY(QTest::qWaitForWindowExposed(&chart));
    auto *axis = qobject_cast<QBarCategoryAxis *>(chart.chart()->axes(Qt::Horizontal).constFirst());
    QVERIFY(axis);
    QTRY_COMPARE(axis->categories().at(1), QStringLiteral("0.1–0.3"));
    chart.resize(540, 220); // the tab's width in a 1024 px window
    QTRY_COMPARE(axis->categories().at(1), QStringLiteral("0.1–<br>0.3"));
    QCOMPARE(axis->categories().at(0), QStringLiteral("&lt;0.1")); // nothing to break
    QCOMPARE(chart.chart()->legend()->alignment(), Qt::AlignBottom); // its width goes to the buckets
    chart.resize(1400, 220);
    QTRY_COMPARE(axis->categories().at(1), QStringLiteral("0.1–0.3"));
    QCOMPARE(chart.chart()->legend()->alignment(), Qt::AlignRight);
}

QTEST_MAIN(tst_LongTaskLog)
#include "tst_longtasklog.moc"
