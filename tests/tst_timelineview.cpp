#include "engine/recorder.h"
#include "style/theme.h"
#include "timeline/timelinelayout.h"
#include "timeline/timelineview.h"

#include <QElapsedTimer>
#include <QKeyEvent>
#include <QHelpEvent>
#include <QMouseEvent>
#include <QScrollBar>
#include <QSet>
#include <QSignalSpy>
#include <QTest>
#include <QToolTip>
#include <QWheelEvent>

#include <cmath>

namespace {
constexpr qint64 kMs = 1'000'000;
constexpr qint64 kS = 1'000'000'000;
constexpr qint64 kOrigin = 5000 * kS; // a realistic CLOCK_MONOTONIC reading
constexpr qint64 kNow = kOrigin + 3000 * kMs;

// GUI tests run offscreen unless the caller picked a platform.
const bool s_platformSet = [] {
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    return true;
}();

// The middle of a row, at a time; the rows sit where the view's layout says (tst_timelinelayout
// checks those numbers, layoutFollowsTheWidget that the view feeds them in).
QPoint pointAt(const TimelineView &view, int row, qint64 ns)
{
    const TimelineLayout l = view.layout();
    return QPoint(int(view.axis().mapTimeToX(ns)), l.rowTop(row) + l.rowHeight(row) / 2);
}

quint32 addSpan(Recorder &r, WorkKind kind, ExecMode mode, int lane, qint64 submitMs, qint64 startMs,
                qint64 endMs, SpanState state)
{
    const quint32 id = r.beginSpan(kind, mode, kOrigin + submitMs * kMs);
    if (startMs >= 0)
        r.markStart(id, lane, kOrigin + startMs * kMs);
    if (endMs >= 0)
        r.markEnd(id, kOrigin + endMs * kMs, state);
    return id;
}

// Ids 0..5, in submit order, known by the tests below.
std::shared_ptr<Recorder> knownRecorder()
{
    auto r = std::make_shared<Recorder>();
    r->registerLane(QStringLiteral("GUI thread"));
    r->registerLane(QStringLiteral("pool-1"));
    r->registerLane(QStringLiteral("pool-2"));
    r->addModeSwitch(kOrigin, ExecMode::Inline);
    addSpan(*r, WorkKind::Io, ExecMode::Inline, 0, 100, 100, 300, SpanState::Done);
    r->addModeSwitch(kOrigin + 1000 * kMs, ExecMode::Pool);
    addSpan(*r, WorkKind::Cpu, ExecMode::Pool, 1, 1000, 1200, 1500, SpanState::Done);
    addSpan(*r, WorkKind::Io, ExecMode::Pool, 2, 1100, 1150, 1800, SpanState::Cancelled);
    addSpan(*r, WorkKind::Cpu, ExecMode::Pool, 1, 2000, 2100, 2300, SpanState::Failed);
    addSpan(*r, WorkKind::Io, ExecMode::Pool, 2, 2500, 2600, -1, SpanState::Running);
    addSpan(*r, WorkKind::Io, ExecMode::Pool, 0, 2700, -1, -1, SpanState::Queued);
    return r;
}

void sendWheel(QWidget *w, const QPoint &pos, int angle, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
{
    QWheelEvent e(pos, w->mapToGlobal(pos), QPoint(), QPoint(0, angle), Qt::NoButton, modifiers,
                  Qt::NoScrollPhase, false);
    QCoreApplication::sendEvent(w, &e);
}

void sendMouse(QWidget *w, QEvent::Type type, const QPoint &pos, Qt::MouseButton button, Qt::MouseButtons buttons)
{
    QMouseEvent e(type, pos, w->mapToGlobal(pos), button, buttons, Qt::NoModifier);
    QCoreApplication::sendEvent(w, &e);
}
} // namespace

class tst_TimelineView : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void sizeHints();
    void layoutFollowsTheWidget();
    void lanesInOrder();
    void showAllCoversTheRun();
    void hitTest_data();
    void hitTest();
    void hitTestLongSpanWhenZoomedIn();
    void toolTipText();
    void toolTipEvent();
    void refreshPicksUpNewAndChangedSpans();
    void liveFollowsNow();
    void wheelZoomsAroundCursorAndLeavesLive();
    void dragPans();
    void keyboardZoomsPansAndFollows();
    void zoomOutStopsAtTheWholeRun();
    void wholeRunKeepsUpWithTheRun();
    void manyLanesScroll();
    void hoverLineFollowsTheCursor();
    void showRangeCentres();
    void paintsSomething();
    void paintsKindColours();
    void programSpansAreTheProgramsCode();
    void programRunWithoutSpansHasNoOwnKinds();
    void clearsWithNullRecorder();
    void paintsManySpans();
    void levelOfDetailDrawsTheSamePicture_data();
    void levelOfDetailDrawsTheSamePicture();
    void waitSpanOnGuiLane();
    void transferInToolTip();
    void counterRows();
    void counterStepPlot();
    void reentryAloneShowsNestingRow();
    void paintsManyCounterSamples();

private:
    std::unique_ptr<TimelineView> m_view;
    std::shared_ptr<Recorder> m_recorder;
};

void tst_TimelineView::init()
{
    m_view = std::make_unique<TimelineView>();
    m_view->resize(900, 260);
    m_view->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_view.get()));
    m_recorder = knownRecorder();
    m_view->setRecorder(m_recorder, kOrigin);
    m_view->refresh(kNow);
    m_view->showAll();
}

void tst_TimelineView::cleanup()
{
    m_view.reset();
    m_recorder.reset();
}

void tst_TimelineView::sizeHints()
{
    QCOMPARE(m_view->sizeHint(), QSize(900, 260));
    QCOMPARE(m_view->minimumSizeHint(), QSize(300, 120));
    QVERIFY(m_view->testAttribute(Qt::WA_OpaquePaintEvent));
}

void tst_TimelineView::layoutFollowsTheWidget()
{
    TimelineLayout::Input in;
    in.fontHeight = m_view->fontMetrics().height();
    in.height = m_view->height();
    in.spanRows = 4; // three lanes and the queue row
    in.plotLeft = m_view->axis().leftPx;
    in.plotRight = m_view->axis().leftPx + m_view->axis().widthPx;
    const TimelineLayout expected = TimelineLayout::compute(in);
    const TimelineLayout l = m_view->layout();
    QCOMPARE(l.rowsTop, expected.rowsTop);
    QCOMPARE(l.axisTop, expected.axisTop);
    QCOMPARE(l.spansBottom, expected.spansBottom);
    QCOMPARE(l.rowsBottom, expected.rowsBottom);
    QCOMPARE(l.plotLeft, expected.plotLeft);
    QCOMPARE(l.plotRight, expected.plotRight);
    // At the default size every lane is full height.
    QCOMPARE(l.laneHeight, TimelineLayout::kLaneHeight);
    QCOMPARE(m_view->preferredHeight(), expected.preferredHeight());
}

void tst_TimelineView::lanesInOrder()
{
    // Span 5 is still queued, so the queue row shows under the thread lanes.
    QCOMPARE(m_view->laneNames(),
             (QStringList{QStringLiteral("GUI thread"), QStringLiteral("pool-1"), QStringLiteral("pool-2"),
                          QStringLiteral("queue")}));

    TimelineView fresh;
    auto r = std::make_shared<Recorder>();
    r->registerLane(QStringLiteral("GUI thread"));
    r->registerLane(QStringLiteral("pool-1"));
    addSpan(*r, WorkKind::Io, ExecMode::Pool, 1, 0, 10, 20, SpanState::Done);
    fresh.setRecorder(r, kOrigin);
    fresh.refresh(kOrigin + kS);
    QCOMPARE(fresh.laneNames(), (QStringList{QStringLiteral("GUI thread"), QStringLiteral("pool-1")}));
}

void tst_TimelineView::showAllCoversTheRun()
{
    const TimeAxis a = m_view->axis();
    QCOMPARE(a.startNs, kOrigin);
    QCOMPARE(a.endNs(), kNow);
    QCOMPARE(a.leftPx, 90);
    QVERIFY(a.leftPx + a.widthPx <= m_view->width());
    QVERIFY(a.widthPx > 700);
    QVERIFY(!m_view->isLive());
}

void tst_TimelineView::hitTest_data()
{
    QTest::addColumn<int>("row");
    QTest::addColumn<qint64>("ms");
    QTest::addColumn<int>("expected");

    QTest::newRow("inline io running") << 0 << qint64(200) << 0;
    QTest::newRow("inline io first pixel") << 0 << qint64(101) << 0;
    QTest::newRow("cpu queued part on its lane") << 1 << qint64(1100) << 1;
    QTest::newRow("cpu running part") << 1 << qint64(1400) << 1;
    QTest::newRow("cancelled") << 2 << qint64(1500) << 2;
    QTest::newRow("failed") << 1 << qint64(2200) << 3;
    QTest::newRow("still running reaches now") << 2 << qint64(2950) << 4;
    QTest::newRow("still queued in queue row") << 3 << qint64(2850) << 5;
    QTest::newRow("idle GUI lane") << 0 << qint64(2000) << -1;
    QTest::newRow("idle pool lane") << 1 << qint64(700) << -1;
    QTest::newRow("gap between pool tasks") << 2 << qint64(2000) << -1;
    QTest::newRow("queue row before queued span") << 3 << qint64(1000) << -1;
}

void tst_TimelineView::hitTest()
{
    QFETCH(int, row);
    QFETCH(qint64, ms);
    QFETCH(int, expected);
    QCOMPARE(m_view->spanAt(pointAt(*m_view, row, kOrigin + ms * kMs)), expected);
}

void tst_TimelineView::hitTestLongSpanWhenZoomedIn()
{
    auto r = std::make_shared<Recorder>();
    r->registerLane(QStringLiteral("GUI thread"));
    r->registerLane(QStringLiteral("pool-1"));
    const quint32 longId = addSpan(*r, WorkKind::Cpu, ExecMode::Pool, 1, 0, 0, 10'000, SpanState::Done);
    for (int i = 0; i < 1000; ++i)
        addSpan(*r, WorkKind::Io, ExecMode::Inline, 0, 10 * i, 10 * i, 10 * i + 5, SpanState::Done);
    m_view->setRecorder(r, kOrigin);
    m_view->refresh(kOrigin + 10 * kS);
    m_view->showAll();

    // Zoom far into the middle: the long span starts off screen yet must still draw and hit.
    const QPoint middle = pointAt(*m_view, 1, kOrigin + 5 * kS);
    for (int i = 0; i < 20; ++i)
        sendWheel(m_view.get(), middle, 120);
    QVERIFY(m_view->axis().spanNs < 100 * kMs);
    QVERIFY(m_view->axis().startNs > kOrigin + 4 * kS);
    QCOMPARE(m_view->spanAt(middle), int(longId));
    const QImage image = m_view->grab().toImage();
    QCOMPARE(image.pixelColor(middle).rgb(), Theme::workColor(WorkKind::Cpu).rgb());
}

void tst_TimelineView::toolTipText()
{
    const QString cpu = m_view->toolTipFor(1);
    for (const QString &part : {QStringLiteral("Task 1"), QStringLiteral("cpu"), QStringLiteral("pool"),
                                QStringLiteral("Queued: 200 ms"), QStringLiteral("Ran: 300 ms"),
                                QStringLiteral("pool-1"), QStringLiteral("done")})
        QVERIFY2(cpu.contains(part), qPrintable(cpu + QStringLiteral(" lacks ") + part));

    const QString inlineIo = m_view->toolTipFor(0);
    for (const QString &part : {QStringLiteral("Task 0"), QStringLiteral("io"), QStringLiteral("inline"),
                                QStringLiteral("Queued: 0.000 ms"), QStringLiteral("Ran: 200 ms"),
                                QStringLiteral("GUI thread")})
        QVERIFY2(inlineIo.contains(part), qPrintable(inlineIo + QStringLiteral(" lacks ") + part));

    QVERIFY(m_view->toolTipFor(2).contains(QStringLiteral("cancelled")));
    QVERIFY(m_view->toolTipFor(3).contains(QStringLiteral("failed")));
    const QString running = m_view->toolTipFor(4);
    QVERIFY2(running.contains(QStringLiteral("Ran: 400 ms so far")), qPrintable(running));
    QVERIFY(running.contains(QStringLiteral("running")));
    const QString queued = m_view->toolTipFor(5);
    QVERIFY2(queued.contains(QStringLiteral("Queued: 300 ms so far")), qPrintable(queued));
    QVERIFY(queued.contains(QStringLiteral("never started")));

    QVERIFY(m_view->toolTipFor(-1).isEmpty());
    QVERIFY(m_view->toolTipFor(6).isEmpty());
}

void tst_TimelineView::toolTipEvent()
{
    const QPoint pos = pointAt(*m_view, 1, kOrigin + 1400 * kMs);
    QHelpEvent help(QEvent::ToolTip, pos, m_view->mapToGlobal(pos));
    QVERIFY(QCoreApplication::sendEvent(m_view.get(), &help));
    QTRY_VERIFY(QToolTip::isVisible());
    QCOMPARE(QToolTip::text(), m_view->toolTipFor(1));

    const QPoint empty = pointAt(*m_view, 0, kOrigin + 2000 * kMs);
    QHelpEvent none(QEvent::ToolTip, empty, m_view->mapToGlobal(empty));
    QCoreApplication::sendEvent(m_view.get(), &none);
    QTRY_VERIFY(!QToolTip::isVisible());

    // A lane's name in the label column, which may be cut there, in full.
    const TimelineLayout l = m_view->layout();
    const QPoint label(10, l.rowTop(1) + l.laneHeight / 2);
    QHelpEvent named(QEvent::ToolTip, label, m_view->mapToGlobal(label));
    QCoreApplication::sendEvent(m_view.get(), &named);
    QTRY_VERIFY(QToolTip::isVisible());
    QCOMPARE(QToolTip::text(), m_view->laneNames().at(1));
}

void tst_TimelineView::refreshPicksUpNewAndChangedSpans()
{
    // Span 4 ends, span 5 starts on pool-1, and a new span arrives.
    m_recorder->markEnd(4, kOrigin + 3100 * kMs, SpanState::Done);
    m_recorder->markStart(5, 1, kOrigin + 3050 * kMs);
    const quint32 added = addSpan(*m_recorder, WorkKind::Cpu, ExecMode::Pool, 2, 3200, 3210, 3400, SpanState::Done);
    m_view->refresh(kOrigin + 4000 * kMs);
    m_view->showAll();

    QVERIFY(m_view->toolTipFor(4).contains(QStringLiteral("Ran: 500 ms")));
    QVERIFY(m_view->toolTipFor(4).contains(QStringLiteral("done")));
    QVERIFY(m_view->toolTipFor(5).contains(QStringLiteral("pool-1")));
    QVERIFY(m_view->toolTipFor(5).contains(QStringLiteral("Queued: 350 ms")));
    QVERIFY(m_view->toolTipFor(int(added)).contains(QStringLiteral("Ran: 190 ms")));
    QCOMPARE(m_view->spanAt(pointAt(*m_view, 1, kOrigin + 3500 * kMs)), 5);
    QCOMPARE(m_view->spanAt(pointAt(*m_view, 2, kOrigin + 3300 * kMs)), int(added));
    // The queue row stays once shown, so rows do not jump during a run.
    QCOMPARE(m_view->laneNames().size(), 4);
}

void tst_TimelineView::liveFollowsNow()
{
    QSignalSpy live(m_view.get(), &TimelineView::liveChanged);
    m_view->setLive(true);
    QCOMPARE(live.count(), 1);
    QCOMPARE(live.at(0).at(0).toBool(), true);
    QVERIFY(m_view->isLive());
    // A run shorter than the window fills it from the left, as the lag chart does.
    QCOMPARE(m_view->axis().startNs, kOrigin);
    QCOMPARE(m_view->axis().spanNs, 10 * kS);

    m_view->setVisibleSeconds(2.5);
    QCOMPARE(m_view->axis().spanNs, 2500 * kMs);
    QCOMPARE(m_view->axis().endNs(), kNow);
    m_view->refresh(kNow + kS);
    QCOMPARE(m_view->axis().endNs(), kNow + kS);
    m_view->setLive(true);
    QCOMPARE(live.count(), 1); // no change, no signal
}

void tst_TimelineView::wheelZoomsAroundCursorAndLeavesLive()
{
    m_view->refresh(kOrigin + 30 * kS); // longer than the live window, so nothing clamps
    m_view->setLive(true);
    QSignalSpy live(m_view.get(), &TimelineView::liveChanged);
    const TimeAxis before = m_view->axis();
    const QPoint cursor(500, 60);
    sendWheel(m_view.get(), cursor, 120);

    const TimeAxis after = m_view->axis();
    QVERIFY(after.spanNs < before.spanNs);
    QVERIFY(std::abs(after.mapXToTime(cursor.x()) - before.mapXToTime(cursor.x())) <= 1);
    QVERIFY(!m_view->isLive());
    QCOMPARE(live.count(), 1);
    QCOMPARE(live.at(0).at(0).toBool(), false);

    // Not live: new data does not move the view.
    m_view->refresh(kOrigin + 31 * kS);
    QCOMPARE(m_view->axis().startNs, after.startNs);

    sendWheel(m_view.get(), cursor, -240);
    QVERIFY(m_view->axis().spanNs > after.spanNs);
    QCOMPARE(live.count(), 1);

    m_view->setLive(true);
    QCOMPARE(live.count(), 2);
    QCOMPARE(m_view->axis().endNs(), kOrigin + 31 * kS);
}

void tst_TimelineView::zoomOutStopsAtTheWholeRun()
{
    m_view->refresh(kOrigin + 30 * kS);
    m_view->showRange(kOrigin + 20 * kS, kOrigin + 21 * kS);
    QSignalSpy ranges(m_view.get(), &TimelineView::rangeChanged);
    for (int i = 0; i < 30; ++i)
        sendWheel(m_view.get(), QPoint(700, 60), -120);
    QCOMPARE(m_view->axis().startNs, kOrigin);
    QCOMPARE(m_view->axis().endNs(), kOrigin + 30 * kS);
    QVERIFY(ranges.count() > 0);
    const QList<QVariant> last = ranges.constLast();
    QCOMPARE(last.at(0).toLongLong(), kOrigin);
    QCOMPARE(last.at(1).toLongLong(), kOrigin + 30 * kS);

    // Dragging can not carry the view past either end of the run.
    m_view->zoomAt(kOrigin + 15 * kS, 4.0);
    sendMouse(m_view.get(), QEvent::MouseButtonPress, QPoint(300, 60), Qt::LeftButton, Qt::LeftButton);
    sendMouse(m_view.get(), QEvent::MouseMove, QPoint(5000, 60), Qt::NoButton, Qt::LeftButton);
    sendMouse(m_view.get(), QEvent::MouseButtonRelease, QPoint(5000, 60), Qt::LeftButton, Qt::NoButton);
    QCOMPARE(m_view->axis().startNs, kOrigin);
    sendMouse(m_view.get(), QEvent::MouseButtonPress, QPoint(800, 60), Qt::LeftButton, Qt::LeftButton);
    sendMouse(m_view.get(), QEvent::MouseMove, QPoint(-5000, 60), Qt::NoButton, Qt::LeftButton);
    sendMouse(m_view.get(), QEvent::MouseButtonRelease, QPoint(-5000, 60), Qt::LeftButton, Qt::NoButton);
    QCOMPARE(m_view->axis().endNs(), kOrigin + 30 * kS);
}

void tst_TimelineView::keyboardZoomsPansAndFollows()
{
    QCOMPARE(m_view->focusPolicy(), Qt::StrongFocus);
    m_view->setFocus();
    QVERIFY(QTest::qWaitForWindowActive(m_view.get()) || m_view->hasFocus());
    QSignalSpy live(m_view.get(), &TimelineView::liveChanged);
    QCOMPARE(m_view->axis().startNs, kOrigin);
    QCOMPARE(m_view->axis().spanNs, 3000 * kMs);
    const qint64 centre = kOrigin + 1500 * kMs;
    auto centreOf = [](const TimeAxis &a) { return a.startNs + a.spanNs / 2; };
    const qint64 slack = 2 * qint64(m_view->axis().nsPerPx()); // a pixel's rounding either way

    // + zooms in around the middle (the cursor is not over the view), as a wheel notch does.
    QTest::keyClick(m_view.get(), Qt::Key_Plus);
    const qint64 zoomedSpan = m_view->axis().spanNs;
    QVERIFY2(std::abs(double(zoomedSpan) - 3000 * kMs / std::sqrt(2.0)) < 1e6, qPrintable(QString::number(zoomedSpan)));
    QVERIFY(std::abs(centreOf(m_view->axis()) - centre) <= slack);
    QTest::keyClick(m_view.get(), Qt::Key_Equal); // = is + without Shift
    QVERIFY(m_view->axis().spanNs < zoomedSpan - 100 * kMs);
    QTest::keyClick(m_view.get(), Qt::Key_Minus);
    QVERIFY(std::abs(m_view->axis().spanNs - zoomedSpan) < kMs);
    QVERIFY(std::abs(centreOf(m_view->axis()) - centre) <= slack);

    // Left and Right pan a tenth of the view, Shift half of it.
    const TimeAxis before = m_view->axis();
    QTest::keyClick(m_view.get(), Qt::Key_Left);
    QVERIFY(std::abs(m_view->axis().startNs - (before.startNs - before.spanNs / 10)) <= slack);
    QCOMPARE(m_view->axis().spanNs, before.spanNs);
    QTest::keyClick(m_view.get(), Qt::Key_Right);
    QVERIFY(std::abs(m_view->axis().startNs - before.startNs) <= slack);
    QTest::keyClick(m_view.get(), Qt::Key_Right, Qt::ShiftModifier);
    // Half the view later would end past the run: it stops at the end.
    QCOMPARE(m_view->axis().endNs(), kNow);
    QTest::keyClick(m_view.get(), Qt::Key_Plus); // narrow enough that half a view fits before it
    const TimeAxis atEnd = m_view->axis();
    QTest::keyClick(m_view.get(), Qt::Key_Left, Qt::ShiftModifier);
    QVERIFY(atEnd.startNs - atEnd.spanNs / 2 > kOrigin);
    QVERIFY(std::abs(m_view->axis().startNs - (atEnd.startNs - atEnd.spanNs / 2)) <= slack);

    // 0 shows the whole run again.
    QTest::keyClick(m_view.get(), Qt::Key_0);
    QCOMPARE(m_view->axis().startNs, kOrigin);
    QCOMPARE(m_view->axis().endNs(), kNow);

    // F follows live again (init() showed the whole run), a key that zooms leaves it.
    QCOMPARE(live.count(), 0);
    QVERIFY(!m_view->isLive());
    QTest::keyClick(m_view.get(), Qt::Key_F);
    QVERIFY(m_view->isLive());
    QCOMPARE(live.count(), 1);
    QCOMPARE(m_view->axis().spanNs, 10 * kS); // the live window
    QTest::keyClick(m_view.get(), Qt::Key_Minus);
    QVERIFY(!m_view->isLive());
    QTest::keyClick(m_view.get(), Qt::Key_F);
    QVERIFY(m_view->isLive());
    QTest::keyClick(m_view.get(), Qt::Key_F); // toggles, as View > Follow live does
    QVERIFY(!m_view->isLive());
    QCOMPARE(live.count(), 4);
}

void tst_TimelineView::wholeRunKeepsUpWithTheRun()
{
    // A run opened from a file: the view is not live from the start and shows all of it,
    // not only its first ten seconds.
    TimelineView view;
    view.setLive(false);
    view.resize(900, 200);
    auto r = std::make_shared<Recorder>();
    r->registerLane(QStringLiteral("GUI thread"));
    addSpan(*r, WorkKind::Io, ExecMode::Inline, 0, 0, 0, 40'000, SpanState::Done);
    view.setRecorder(r, kOrigin);
    view.refresh(kOrigin + 40 * kS);
    QCOMPARE(view.axis().startNs, kOrigin);
    QCOMPARE(view.axis().endNs(), kOrigin + 40 * kS);
    // A zoom keeps its range from then on.
    view.zoomAt(kOrigin + 20 * kS, 2.0);
    const TimeAxis zoomed = view.axis();
    view.refresh(kOrigin + 50 * kS);
    QCOMPARE(view.axis().startNs, zoomed.startNs);
    QCOMPARE(view.axis().spanNs, zoomed.spanNs);
    view.showAll();
    view.refresh(kOrigin + 60 * kS);
    QCOMPARE(view.axis().endNs(), kOrigin + 60 * kS);
}

void tst_TimelineView::manyLanesScroll()
{
    TimelineView view;
    view.resize(900, 200);
    auto r = std::make_shared<Recorder>();
    for (int i = 0; i < 12; ++i)
        r->registerLane(i == 0 ? QStringLiteral("GUI thread") : QStringLiteral("pool-%1").arg(i));
    for (int i = 0; i < 12; ++i)
        addSpan(*r, WorkKind::Cpu, ExecMode::Pool, i, 100 * i, 100 * i, 100 * i + 80, SpanState::Done);
    view.setRecorder(r, kOrigin);
    view.refresh(kOrigin + 2 * kS);
    view.showAll();
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));
    auto *bar = view.findChild<QScrollBar *>(QStringLiteral("timelineRows"));
    QVERIFY(bar);
    QVERIFY(bar->isVisible());
    QCOMPARE(view.firstVisibleRow(), 0);
    // Twelve lanes in 200 px: as small as lanes get, and the bar scrolls what is left over.
    QCOMPARE(view.layout().laneHeight, TimelineLayout::kMinLaneHeight);
    QCOMPARE(bar->maximum(), view.layout().overflow());
    // The plot leaves the bar its room.
    QVERIFY(view.axis().leftPx + view.axis().widthPx <= bar->x());

    // Shift+wheel scrolls the rows; the last lane's span comes into view and still hits.
    for (int i = 0; i < 20; ++i)
        sendWheel(&view, QPoint(500, 150), -120, Qt::ShiftModifier);
    QCOMPARE(bar->value(), bar->maximum());
    QVERIFY(view.firstVisibleRow() > 0);
    QCOMPARE(view.layout().rowsTop, view.layout().viewTop - bar->value());
    const qint64 mid = kOrigin + (100 * 11 + 40) * kMs;
    const int x = int(view.axis().mapTimeToX(mid));
    bool hit = false;
    for (int y = 40; y < view.height(); ++y)
        hit = hit || view.spanAt(QPoint(x, y)) == 11;
    QVERIFY(hit);
    // The wheel without Shift still zooms, and the rows keep their scroll.
    const qint64 span = view.axis().spanNs;
    sendWheel(&view, QPoint(500, 150), 120);
    QVERIFY(view.axis().spanNs < span);
    QCOMPARE(bar->value(), bar->maximum());
}

void tst_TimelineView::hoverLineFollowsTheCursor()
{
    QSignalSpy hovered(m_view.get(), &TimelineView::hovered);
    sendMouse(m_view.get(), QEvent::MouseMove, QPoint(400, 60), Qt::NoButton, Qt::NoButton);
    QCOMPARE(hovered.count(), 1);
    const qint64 ns = hovered.at(0).at(0).toLongLong();
    QCOMPARE(ns, m_view->axis().mapXToTime(400));
    QCOMPARE(m_view->hoverNs(), ns);
    // The line is drawn at that x, across the rows.
    const QImage image = m_view->grab().toImage();
    int onLine = 0;
    const int rowsTop = m_view->layout().rowsTop;
    for (int y = rowsTop; y < rowsTop + 12; ++y)
        onLine += image.pixelColor(400, y).rgb() == Theme::textColor().rgb() ? 1 : 0;
    QVERIFY2(onLine >= 6, qPrintable(QString::number(onLine))); // dashed
    QEvent leave(QEvent::Leave);
    QCoreApplication::sendEvent(m_view.get(), &leave);
    QCOMPARE(m_view->hoverNs(), qint64(-1));
    QCOMPARE(hovered.constLast().at(0).toLongLong(), qint64(-1));
}

void tst_TimelineView::dragPans()
{
    m_view->refresh(kOrigin + 30 * kS);
    m_view->setLive(true);
    QSignalSpy live(m_view.get(), &TimelineView::liveChanged);
    const TimeAxis before = m_view->axis();

    sendMouse(m_view.get(), QEvent::MouseButtonPress, QPoint(400, 60), Qt::LeftButton, Qt::LeftButton);
    QCOMPARE(m_view->axis().startNs, before.startNs); // a click alone does not pan
    QVERIFY(m_view->isLive());
    sendMouse(m_view.get(), QEvent::MouseMove, QPoint(450, 60), Qt::NoButton, Qt::LeftButton);
    sendMouse(m_view.get(), QEvent::MouseMove, QPoint(500, 62), Qt::NoButton, Qt::LeftButton);
    sendMouse(m_view.get(), QEvent::MouseButtonRelease, QPoint(500, 62), Qt::LeftButton, Qt::NoButton);

    const TimeAxis after = m_view->axis();
    QCOMPARE(after.spanNs, before.spanNs);
    QVERIFY(std::abs(after.startNs - (before.startNs - qint64(100 * before.nsPerPx()))) <= 2);
    QVERIFY(!m_view->isLive());
    QCOMPARE(live.count(), 1);

    // Moving without a button pressed does nothing.
    sendMouse(m_view.get(), QEvent::MouseMove, QPoint(700, 62), Qt::NoButton, Qt::NoButton);
    QCOMPARE(m_view->axis().startNs, after.startNs);
}

void tst_TimelineView::showRangeCentres()
{
    m_view->setLive(true);
    QSignalSpy live(m_view.get(), &TimelineView::liveChanged);
    m_view->showRange(kOrigin + 1000 * kMs, kOrigin + 1500 * kMs);
    QVERIFY(!m_view->isLive());
    QCOMPARE(live.count(), 1);
    QCOMPARE(live.at(0).at(0).toBool(), false);
    // 500 ms plus a fifth of it each side, centred on 1.25 s.
    QCOMPARE(m_view->axis().spanNs, 700 * kMs);
    QCOMPARE(m_view->axis().startNs, kOrigin + 900 * kMs);
    QCOMPARE(m_view->axis().endNs(), kOrigin + 1600 * kMs);
    // The range's span shows in the middle of the plot.
    QCOMPARE(m_view->spanAt(pointAt(*m_view, 1, kOrigin + 1300 * kMs)), 1);

    // Not live any more: a second jump emits nothing, new data does not scroll it.
    m_view->showRange(kOrigin + 2600 * kMs, kOrigin + 2100 * kMs); // reversed is fine
    QCOMPARE(live.count(), 1);
    QCOMPARE(m_view->axis().startNs, kOrigin + 2000 * kMs);
    QCOMPARE(m_view->axis().spanNs, 700 * kMs);
    m_view->refresh(kNow + kS);
    QCOMPARE(m_view->axis().startNs, kOrigin + 2000 * kMs);

    // An empty range still shows something.
    m_view->showRange(kOrigin + 500 * kMs, kOrigin + 500 * kMs);
    QVERIFY(m_view->axis().spanNs > 0);
    QVERIFY(m_view->axis().startNs <= kOrigin + 500 * kMs && m_view->axis().endNs() >= kOrigin + 500 * kMs);

    m_view->setLive(true);
    QCOMPARE(live.count(), 2);
}

void tst_TimelineView::paintsSomething()
{
    QSignalSpy painted(m_view.get(), &TimelineView::painted);
    const QImage image = m_view->grab().toImage();
    QCOMPARE(painted.count(), 1);
    QVERIFY(painted.at(0).at(0).toLongLong() > 0);
    QCOMPARE(m_view->lastPaintNs(), painted.at(0).at(0).toLongLong());

    QCOMPARE(image.size(), m_view->size() * m_view->devicePixelRatio());
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 8, qPrintable(QString::number(colours.size())));
}

void tst_TimelineView::paintsKindColours()
{
    const QImage image = m_view->grab().toImage();
    auto colourAt = [&](int row, qint64 ms) { return image.pixelColor(pointAt(*m_view, row, kOrigin + ms * kMs)).rgb(); };
    QCOMPARE(colourAt(0, 200), Theme::workColor(WorkKind::Io).rgb());
    QCOMPARE(colourAt(1, 1400), Theme::workColor(WorkKind::Cpu).rgb());
    QCOMPARE(colourAt(2, 1500), Theme::cancelledColor().rgb());
    QCOMPARE(colourAt(2, 2950), Theme::workColor(WorkKind::Io).rgb());
    // Idle lane time is not a task colour.
    QVERIFY(colourAt(0, 2000) != Theme::workColor(WorkKind::Io).rgb());
}

namespace {
// Pixels of exactly this colour in the legend's band (above the rows, right of the names).
int legendPixels(const QImage &image, const TimelineLayout &l, QRgb colour)
{
    int count = 0;
    for (int y = 0; y < l.rowsTop; ++y) {
        for (int x = l.plotLeft; x < image.width(); ++x)
            count += image.pixel(x, y) == colour;
    }
    return count;
}
} // namespace

// A program's spans (its executor calls, slow callbacks) are its own code, neither of Loop
// Lab's workloads: their own colour, and a legend without I/O and CPU.
void tst_TimelineView::programSpansAreTheProgramsCode()
{
    auto r = std::make_shared<Recorder>();
    r->registerLane(QStringLiteral("app.py loop"));
    r->registerLane(QStringLiteral("asyncio_0"));
    const quint32 id = r->beginSpan(WorkKind::Code, ExecMode::Pool, kOrigin + 100 * kMs);
    r->markStart(id, 1, kOrigin + 100 * kMs);
    r->markEnd(id, kOrigin + 2000 * kMs, SpanState::Done);
    m_view->setRecorder(r, kOrigin);
    m_view->refresh(kNow);
    m_view->showAll();
    const QImage image = m_view->grab().toImage();
    QCOMPARE(image.pixelColor(pointAt(*m_view, 1, kOrigin + 1000 * kMs)).rgb(), Theme::workColor(WorkKind::Code).rgb());
    QVERIFY2(m_view->toolTipFor(int(id)).contains(QStringLiteral("Kind: code (what the program reported")),
             qPrintable(m_view->toolTipFor(int(id))));
    // The legend's swatches: the program's colour, not Loop Lab's I/O blue or CPU orange.
    const TimelineLayout l = m_view->layout();
    QVERIFY2(legendPixels(image, l, Theme::workColor(WorkKind::Code).rgb()) > 0, "no code swatch in the legend");
    QCOMPARE(legendPixels(image, l, Theme::workColor(WorkKind::Io).rgb()), 0);
    QCOMPARE(legendPixels(image, l, Theme::workColor(WorkKind::Cpu).rgb()), 0);
}

// A program that has sent no span yet: its legend already leaves out Loop Lab's I/O and CPU.
void tst_TimelineView::programRunWithoutSpansHasNoOwnKinds()
{
    auto r = std::make_shared<Recorder>();
    r->registerLane(QStringLiteral("app.py loop"));
    m_view->setRecorder(r, kOrigin);
    m_view->refresh(kNow);
    auto legendSwatches = [&](QRgb colour) { return legendPixels(m_view->grab().toImage(), m_view->layout(), colour); };
    const QRgb io = Theme::workColor(WorkKind::Io).rgb();
    const QRgb code = Theme::workColor(WorkKind::Code).rgb();
    QVERIFY(legendSwatches(io) > 0); // one of our own runs, before its first task
    m_view->setProgramRun(true);
    QCOMPARE(legendSwatches(io), 0);
    QCOMPARE(legendSwatches(Theme::workColor(WorkKind::Cpu).rgb()), 0);
    QVERIFY(legendSwatches(code) > 0);
    m_view->setProgramRun(false);
    QVERIFY(legendSwatches(io) > 0);
}

void tst_TimelineView::clearsWithNullRecorder()
{
    m_view->setRecorder(nullptr, 0);
    QVERIFY(m_view->laneNames().isEmpty());
    QCOMPARE(m_view->spanAt(QPoint(400, 40)), -1);
    QVERIFY(m_view->toolTipFor(0).isEmpty());
    m_view->refresh(kNow);
    const QImage image = m_view->grab().toImage();
    QVERIFY(!image.isNull());
}

void tst_TimelineView::paintsManySpans()
{
    auto r = std::make_shared<Recorder>();
    r->registerLane(QStringLiteral("GUI thread"));
    r->registerLane(QStringLiteral("pool-1"));
    r->registerLane(QStringLiteral("pool-2"));
    r->addModeSwitch(kOrigin, ExecMode::Pool);
    const int count = 200'000;
    const qint64 stepNs = 300'000; // 60 s of 0.3 ms tasks, sub-pixel when zoomed out
    for (int i = 0; i < count; ++i) {
        const qint64 submit = kOrigin + i * stepNs;
        const quint32 id = r->beginSpan(i % 3 ? WorkKind::Io : WorkKind::Cpu, ExecMode::Pool, submit);
        r->markStart(id, i % 3, submit + 50'000);
        if (i < count - 10)
            r->markEnd(id, submit + 250'000, i % 97 ? SpanState::Done : SpanState::Cancelled);
    }
    m_view->setRecorder(r, kOrigin);
    QSignalSpy painted(m_view.get(), &TimelineView::painted);
    m_view->refresh(kOrigin + count * stepNs);
    m_view->showAll();
    m_view->repaint();
    QCOMPARE(painted.count(), 1);
    m_view->setLive(true);
    m_view->repaint();
    QCOMPARE(painted.count(), 2);
    QVERIFY(m_view->lastPaintNs() > 0);
    qDebug("200k spans: whole run painted in %.2f ms, live window in %.2f ms",
           painted.at(0).at(0).toLongLong() / 1e6, painted.at(1).at(0).toLongLong() / 1e6);
    // Many tasks share each pixel column here: any of them on that lane is a fair answer.
    const int lane = (count - 5) % 3;
    const int id = m_view->spanAt(pointAt(*m_view, lane, kOrigin + (count - 5) * stepNs + 100'000));
    QVERIFY(id >= 0);
    QVERIFY(m_view->toolTipFor(id).contains(m_view->laneNames().at(lane)));
}

// Pixels within a few steps of colour c: how much of a region a style covers.
int pixelsNear(const QImage &image, const QRect &region, const QColor &c, int tolerance = 40)
{
    int n = 0;
    for (int y = region.top(); y <= region.bottom(); ++y) {
        for (int x = region.left(); x <= region.right(); ++x) {
            const QColor p = image.pixelColor(x, y);
            n += (qAbs(p.red() - c.red()) < tolerance && qAbs(p.green() - c.green()) < tolerance
                  && qAbs(p.blue() - c.blue()) < tolerance)
                     ? 1
                     : 0;
        }
    }
    return n;
}

void tst_TimelineView::levelOfDetailDrawsTheSamePicture_data()
{
    QTest::addColumn<qint64>("fromNs"); // relative to the run start; -1: show the whole run
    QTest::addColumn<qint64>("lengthNs");
    QTest::newRow("whole run") << qint64(-1) << qint64(0);
    QTest::newRow("1 s") << 1200 * kMs << 1000 * kMs;
    QTest::newRow("400 ms") << 2000 * kMs << 400 * kMs;
    QTest::newRow("250 ms at the start") << qint64(0) << 250 * kMs;
    QTest::newRow("250 ms at the end") << 3700 * kMs << 250 * kMs;
    QTest::newRow("20 ms (every span drawn)") << 1500 * kMs << 20 * kMs;
}

// The summarised path (pyramid of finished spans, one mark per pixel column for the short
// ones) must paint exactly what drawing every span paints.
void tst_TimelineView::levelOfDetailDrawsTheSamePicture()
{
    QFETCH(qint64, fromNs);
    QFETCH(qint64, lengthNs);
    static std::shared_ptr<Recorder> r;
    static qint64 endNs = 0;
    if (!r) {
        // A pool of three lanes taking tasks in order, so each lane runs them in submit order:
        // mostly sub-pixel tasks, a few long ones, transfers, failures, cancelled-while-queued,
        // bursts that queue, and a few still queued or running at the end.
        r = std::make_shared<Recorder>();
        r->registerLane(QStringLiteral("pool-1"));
        r->registerLane(QStringLiteral("pool-2"));
        r->registerLane(QStringLiteral("pool-3"));
        r->addModeSwitch(kOrigin, ExecMode::Pool);
        quint32 seed = 7;
        auto rnd = [&seed](quint32 n) {
            seed = seed * 1664525u + 1013904223u;
            return qint64((seed >> 8) % n);
        };
        qint64 freeAt[3] = {kOrigin, kOrigin, kOrigin};
        qint64 t = kOrigin;
        const int count = 60'000;
        for (int i = 0; i < count; ++i) {
            t += 30'000 + rnd(70'000);
            const WorkKind kind = WorkKind(i % 4);
            const quint32 id = r->beginSpan(kind, ExecMode::Pool, t);
            if (i % 50 == 7) {
                r->markEnd(id, t + rnd(5 * kMs), SpanState::Cancelled);
                continue;
            }
            const int lane = int(std::min_element(freeAt, freeAt + 3) - freeAt);
            const qint64 start = qMax(t, freeAt[lane]) + 1000 + rnd(20'000);
            r->markStart(id, lane, start);
            qint64 run = start;
            if (i % 7 == 3) {
                run = start + 10'000 + rnd(i % 700 == 3 ? 20 * kMs : 200'000);
                r->markRun(id, run);
            }
            const qint64 length = i % 300 == 11 ? 5 * kMs + rnd(25 * kMs) : 20'000 + rnd(130'000);
            freeAt[lane] = run + length;
            if (i >= count - 3)
                continue; // still running
            r->markEnd(id, run + length, i % 61 == 5 ? SpanState::Failed : SpanState::Done);
        }
        for (int i = 0; i < 3; ++i)
            r->beginSpan(WorkKind::Cpu, ExecMode::Pool, t + i * 1000); // still queued
        endNs = t + 2 * kMs;
    }
    m_view->resize(1200, m_view->preferredHeight());
    m_view->setRecorder(r, kOrigin);
    m_view->refresh(endNs);
    m_view->resize(1200, m_view->preferredHeight());
    if (fromNs < 0)
        m_view->showAll();
    else
        m_view->showRange(kOrigin + fromNs, kOrigin + fromNs + lengthNs * 5 / 7);

    m_view->setLevelOfDetail(false);
    const QImage every = m_view->grab().toImage();
    m_view->setLevelOfDetail(true);
    const QImage summarised = m_view->grab().toImage();
    QCOMPARE(summarised.size(), every.size());
    int differing = 0;
    for (int y = 0; y < every.height(); ++y) {
        for (int x = 0; x < every.width(); ++x)
        {
            if (every.pixel(x, y) != summarised.pixel(x, y) && differing < 10)
                qDebug("diff at %d,%d: every %08x summarised %08x", x, y, every.pixel(x, y), summarised.pixel(x, y));
            differing += every.pixel(x, y) != summarised.pixel(x, y) ? 1 : 0;
        }
    }
    QCOMPARE(differing, 0);
    // Not blank: the lanes hold work.
    const TimelineLayout l = m_view->layout();
    QVERIFY(pixelsNear(every, QRect(m_view->axis().leftPx, l.rowsTop, m_view->axis().widthPx, 3 * l.laneHeight),
                       Theme::workColor(WorkKind::Io), 10) > 0);
}

void tst_TimelineView::waitSpanOnGuiLane()
{
    // The wait lesson: the task runs on the pool while the loop thread blocks on its future.
    auto r = std::make_shared<Recorder>();
    r->registerLane(QStringLiteral("GUI thread"));
    r->registerLane(QStringLiteral("pool-1"));
    r->addModeSwitch(kOrigin, ExecMode::Wait);
    const quint32 task = addSpan(*r, WorkKind::Io, ExecMode::Wait, 1, 100, 100, 1100, SpanState::Done);
    const quint32 wait = addSpan(*r, WorkKind::Wait, ExecMode::Wait, 0, 100, 100, 1100, SpanState::Done);
    m_view->setRecorder(r, kOrigin);
    m_view->refresh(kOrigin + 2 * kS);
    m_view->showAll();

    QCOMPARE(m_view->spanAt(pointAt(*m_view, 0, kOrigin + 600 * kMs)), int(wait));
    QCOMPARE(m_view->spanAt(pointAt(*m_view, 1, kOrigin + 600 * kMs)), int(task));
    QCOMPARE(m_view->spanAt(pointAt(*m_view, 0, kOrigin + 1500 * kMs)), -1);
    const QString tip = m_view->toolTipFor(int(wait));
    for (const QString &part : {QStringLiteral("Kind: wait"), QStringLiteral("Blocked: 1000 ms"),
                                QStringLiteral("GUI thread")})
        QVERIFY2(tip.contains(part), qPrintable(tip + QStringLiteral(" lacks ") + part));

    // Drawn in its own dark red style, not as the loop's own (blue) work.
    const QImage image = m_view->grab().toImage();
    const QPoint a = pointAt(*m_view, 0, kOrigin + 300 * kMs);
    const QPoint b = pointAt(*m_view, 0, kOrigin + 900 * kMs);
    const QRect waitBox(a.x(), a.y() - 4, b.x() - a.x(), 8);
    QCOMPARE(pixelsNear(image, waitBox, Theme::workColor(WorkKind::Io)), 0);
    QVERIFY(pixelsNear(image, waitBox, Theme::workColor(WorkKind::Wait)) > waitBox.width());
}

void tst_TimelineView::transferInToolTip()
{
    auto r = std::make_shared<Recorder>();
    r->registerLane(QStringLiteral("GUI thread"));
    r->registerLane(QStringLiteral("process-1"));
    const quint32 id = r->beginSpan(WorkKind::Cpu, ExecMode::Process, kOrigin + 100 * kMs);
    r->markStart(id, 1, kOrigin + 200 * kMs);
    r->markRun(id, kOrigin + 500 * kMs);
    r->markEnd(id, kOrigin + 1500 * kMs, SpanState::Done);
    const quint32 plain = addSpan(*r, WorkKind::Cpu, ExecMode::Process, 1, 1600, 1600, 1900, SpanState::Done);
    m_view->setRecorder(r, kOrigin);
    m_view->refresh(kOrigin + 2 * kS);
    m_view->showAll();

    const QString tip = m_view->toolTipFor(int(id));
    for (const QString &part : {QStringLiteral("Queued: 100 ms"), QStringLiteral("Transfer: 300 ms"),
                                QStringLiteral("Ran: 1000 ms"), QStringLiteral("process-1")})
        QVERIFY2(tip.contains(part), qPrintable(tip + QStringLiteral(" lacks ") + part));
    QVERIFY(!m_view->toolTipFor(int(plain)).contains(QStringLiteral("Transfer")));
    // The transfer belongs to the span it precedes.
    QCOMPARE(m_view->spanAt(pointAt(*m_view, 1, kOrigin + 350 * kMs)), int(id));

    // Transfer and run look different: the run is solid cpu orange, the transfer is not.
    const QImage image = m_view->grab().toImage();
    QCOMPARE(image.pixelColor(pointAt(*m_view, 1, kOrigin + 1000 * kMs)).rgb(), Theme::workColor(WorkKind::Cpu).rgb());
    const QPoint a = pointAt(*m_view, 1, kOrigin + 250 * kMs);
    const QPoint b = pointAt(*m_view, 1, kOrigin + 450 * kMs);
    const QRect transferBox(a.x(), a.y() - 4, b.x() - a.x(), 8);
    QCOMPARE(pixelsNear(image, transferBox, Theme::workColor(WorkKind::Cpu), 10), 0);
    QVERIFY(pixelsNear(image, transferBox, Theme::transferColor(), 10) > transferBox.width());
}

void tst_TimelineView::counterRows()
{
    const int before = m_view->preferredHeight();
    m_recorder->addCounter(Counter::QueueDepth, kOrigin + 100 * kMs, 3);
    m_view->refresh(kNow);
    QCOMPARE(m_view->laneNames(),
             (QStringList{QStringLiteral("GUI thread"), QStringLiteral("pool-1"), QStringLiteral("pool-2"),
                          QStringLiteral("queue"), QStringLiteral("queue depth")}));
    m_recorder->addCounter(Counter::NestingDepth, kOrigin + 200 * kMs, 1);
    m_recorder->addCounter(Counter::Reentry, kOrigin + 300 * kMs, 1);
    m_view->refresh(kNow);
    QCOMPARE(m_view->laneNames(),
             (QStringList{QStringLiteral("GUI thread"), QStringLiteral("pool-1"), QStringLiteral("pool-2"),
                          QStringLiteral("queue"), QStringLiteral("queue depth"), QStringLiteral("nesting depth")}));
    // Each counter row is two lanes tall.
    QCOMPARE(m_view->preferredHeight(), before + 4 * TimelineLayout::kLaneHeight);

    // Spans hit-test as before; the counter rows hold no spans.
    m_view->resize(900, m_view->preferredHeight());
    QCOMPARE(m_view->spanAt(pointAt(*m_view, 0, kOrigin + 200 * kMs)), 0);
    QCOMPARE(m_view->spanAt(pointAt(*m_view, 3, kOrigin + 2850 * kMs)), 5);
    QCOMPARE(m_view->spanAt(pointAt(*m_view, 4, kOrigin + 200 * kMs)), -1);
    QCOMPARE(m_view->spanAt(pointAt(*m_view, 5, kOrigin + 200 * kMs)), -1);

    // A new recorder starts without them.
    m_view->setRecorder(knownRecorder(), kOrigin);
    m_view->refresh(kNow);
    QCOMPARE(m_view->laneNames().size(), 4);
}

void tst_TimelineView::counterStepPlot()
{
    auto r = std::make_shared<Recorder>();
    r->registerLane(QStringLiteral("GUI thread"));
    r->addCounter(Counter::QueueDepth, kOrigin, 0);
    r->addCounter(Counter::QueueDepth, kOrigin + 1000 * kMs, 10);
    r->addCounter(Counter::QueueDepth, kOrigin + 2000 * kMs, 5);
    m_view->setRecorder(r, kOrigin);
    m_view->refresh(kOrigin + 3 * kS);
    m_view->showAll();
    QCOMPARE(m_view->laneNames(), (QStringList{QStringLiteral("GUI thread"), QStringLiteral("queue depth")}));

    // The row below the lane, 44 px tall: zero on its bottom pixel row but one, the maximum
    // (10) six pixels below its top.
    const QImage image = m_view->grab().toImage();
    const TimelineLayout l = m_view->layout();
    QCOMPARE(l.rowHeight(1), 44);
    const int top = l.rowTop(1);
    const int base = top + l.rowHeight(1) - 2;
    auto at = [&](qint64 ms, int y) { return image.pixelColor(int(m_view->axis().mapTimeToX(kOrigin + ms * kMs)), y); };
    const QColor line = Theme::counterColor(Counter::QueueDepth);
    QCOMPARE(at(500, base).rgb(), line.rgb());
    QCOMPARE(at(1500, top + 6).rgb(), line.rgb());
    QCOMPARE(at(2500, base - 18).rgb(), line.rgb());
    // Filled below the line, empty above it.
    const QColor empty = at(500, top + 20);
    QVERIFY(at(1500, top + 20) != empty);
    QCOMPARE(at(2500, top + 15), empty);
    QVERIFY(at(2500, top + 30) != empty);
    // The last value holds until now.
    QCOMPARE(at(2990, base - 18).rgb(), line.rgb());
}

void tst_TimelineView::reentryAloneShowsNestingRow()
{
    auto r = std::make_shared<Recorder>();
    r->registerLane(QStringLiteral("GUI thread"));
    r->addCounter(Counter::Reentry, kOrigin + 500 * kMs, 1);
    m_view->setRecorder(r, kOrigin);
    QCOMPARE(m_view->laneNames(), (QStringList{QStringLiteral("GUI thread"), QStringLiteral("nesting depth")}));
    m_view->refresh(kOrigin + kS);
    m_view->showAll();
    const QImage image = m_view->grab().toImage();
    const TimelineLayout l = m_view->layout();
    const QRect row(m_view->axis().leftPx, l.rowTop(1), m_view->axis().widthPx, l.rowHeight(1));
    QVERIFY(pixelsNear(image, row, Theme::counterColor(Counter::Reentry), 30) > 5);
}

void tst_TimelineView::paintsManyCounterSamples()
{
    auto r = std::make_shared<Recorder>();
    r->registerLane(QStringLiteral("GUI thread"));
    r->registerLane(QStringLiteral("producer"));
    r->addModeSwitch(kOrigin, ExecMode::Queue);
    const int count = 100'000;
    const qint64 stepNs = 600'000; // 60 s, a sawtooth between 0 and 32
    for (int i = 0; i < count; ++i)
        r->addCounter(Counter::QueueDepth, kOrigin + i * stepNs, (i % 64) < 32 ? i % 32 : 32 - i % 32);
    QSignalSpy painted(m_view.get(), &TimelineView::painted);
    QElapsedTimer timer;
    timer.start();
    m_view->setRecorder(r, kOrigin);
    m_view->refresh(kOrigin + count * stepNs);
    const qint64 firstRefreshNs = timer.nsecsElapsed();
    m_view->showAll();
    m_view->resize(900, m_view->preferredHeight());
    const QImage image = m_view->grab().toImage();
    QCOMPARE(painted.count(), 1);
    m_view->setLive(true);
    m_view->repaint();
    QCOMPARE(painted.count(), 2);

    // More samples: only the new ones are copied.
    for (int i = count; i < count + 1000; ++i)
        r->addCounter(Counter::QueueDepth, kOrigin + i * stepNs, 32);
    timer.restart();
    m_view->refresh(kOrigin + (count + 1000) * stepNs);
    const qint64 nextRefreshNs = timer.nsecsElapsed();
    m_view->repaint();
    QCOMPARE(painted.count(), 3);
    qDebug("100k queue depth samples: first refresh %.2f ms, next %.3f ms; whole run painted in %.2f ms, "
           "live window in %.2f ms",
           firstRefreshNs / 1e6, nextRefreshNs / 1e6, painted.at(0).at(0).toLongLong() / 1e6,
           painted.at(1).at(0).toLongLong() / 1e6);

    QCOMPARE(m_view->laneNames().constLast(), QStringLiteral("queue depth"));
    // Zoomed out, every column swings 0..32: the row is mostly filled and outlined.
    const TimelineLayout l = m_view->layout();
    const QRect row(m_view->axis().leftPx + 2, l.rowTop(2) + 2, m_view->axis().widthPx - 4, l.rowHeight(2) - 4);
    QSet<QRgb> colours;
    for (int y = row.top(); y <= row.bottom(); ++y)
        for (int x = row.left(); x <= row.right(); ++x)
            colours.insert(image.pixel(x, y));
    QVERIFY(colours.size() >= 2);
    QVERIFY(pixelsNear(image, row, Theme::counterColor(Counter::QueueDepth), 8) > row.width());
}

QTEST_MAIN(tst_TimelineView)
#include "tst_timelineview.moc"
