#include "engine/monotonicclock.h"
#include "engine/recorder.h"
#include "stats/statistics.h"
#include "engine/tickerprobe.h"

#include <QEventLoop>
#include <QSignalSpy>
#include <QTest>
#include <QTimer>

#include <thread>

namespace {
constexpr qint64 kMs = 1000000;

// QTest::qWait sleeps between event batches, which the probe would rightly report as
// lag; the probe needs a real event loop.
void spinLoop(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

void blockLoopFor(int ms)
{
    std::this_thread::sleep_for(std::chrono::milliseconds(ms));
}

QVector<double> latenessMs(const Recorder &recorder)
{
    QVector<double> out;
    for (const TickSample &t : recorder.ticks())
        out << double(t.latenessNs()) / 1e6;
    return out;
}
} // namespace

class tst_TickerProbe : public QObject
{
    Q_OBJECT
private slots:
    void idleLoopIsPunctual();
    void blockShowsAsOneLateTick();
    void scheduleIsFixedRate();
    void gateIsPartOfLateness();
};

void tst_TickerProbe::idleLoopIsPunctual()
{
    Recorder recorder;
    TickerProbe probe(&recorder, 10 * kMs);
    QVERIFY(probe.start());
    spinLoop(1000);
    probe.stop();
    QVERIFY2(recorder.tickCount() >= 80, qPrintable(QString::number(recorder.tickCount())));
    // Well under a millisecond on an idle machine; 2 ms leaves room for a loaded CI box.
    const double p50 = Statistics::percentile(latenessMs(recorder), 50);
    QVERIFY2(p50 < 2.0, qPrintable(QString::number(p50)));
    for (const TickSample &t : recorder.ticks())
        QVERIFY(t.latenessNs() >= 0); // never wakes before its deadline
}

void tst_TickerProbe::blockShowsAsOneLateTick()
{
    Recorder recorder;
    TickerProbe probe(&recorder, 10 * kMs);
    QVERIFY(probe.start());
    spinLoop(100);
    const quint32 before = recorder.tickCount();
    QTimer::singleShot(0, [] { blockLoopFor(200); });
    spinLoop(300);
    probe.stop();

    const QVector<TickSample> ticks = recorder.ticks(before);
    int lateTicks = 0;
    qint64 worst = 0;
    int worstIndex = -1;
    for (int i = 0; i < ticks.size(); ++i) {
        if (ticks[i].latenessNs() >= 50 * kMs)
            ++lateTicks;
        if (ticks[i].latenessNs() > worst) {
            worst = ticks[i].latenessNs();
            worstIndex = i;
        }
    }
    QVERIFY2(worst >= 150 * kMs, qPrintable(QString::number(worst / 1e6)));
    QCOMPARE(lateTicks, 1); // one late tick, not a stretched period, and no invented ones
    // The schedule restarts from the late tick: the next one is on time again.
    QVERIFY(worstIndex + 1 < ticks.size());
    QVERIFY2(ticks[worstIndex + 1].latenessNs() < 20 * kMs, qPrintable(QString::number(ticks[worstIndex + 1].latenessNs() / 1e6)));
    QCOMPARE(ticks[worstIndex + 1].expectedNs, ticks[worstIndex].actualNs + 10 * kMs);
}

void tst_TickerProbe::scheduleIsFixedRate()
{
    Recorder recorder;
    TickerProbe probe(&recorder, 5 * kMs);
    QVERIFY(probe.start());
    spinLoop(300);
    probe.stop();
    const QVector<TickSample> ticks = recorder.ticks();
    QVERIFY(ticks.size() > 20);
    int restarts = 0;
    for (int i = 1; i < ticks.size(); ++i) {
        const qint64 step = ticks[i].expectedNs - ticks[i - 1].expectedNs;
        if (step != 5 * kMs) {
            // Only allowed after a tick that was a whole interval late.
            QVERIFY(ticks[i - 1].latenessNs() >= 5 * kMs);
            ++restarts;
        }
    }
    QVERIFY(restarts < ticks.size() / 4);
}

void tst_TickerProbe::gateIsPartOfLateness()
{
    Recorder recorder;
    TickerProbe probe(&recorder, 10 * kMs);
    int entered = 0, left = 0;
    probe.setTickGate([&entered] { ++entered; blockLoopFor(30); }, [&left] { ++left; });
    QSignalSpy spy(&probe, &TickerProbe::ticked);
    QVERIFY(probe.start());
    QVERIFY(spy.wait(1000));
    probe.stop();
    QCOMPARE(entered, spy.count());
    QCOMPARE(left, spy.count());
    QVERIFY(recorder.tick(0).latenessNs() >= 30 * kMs);
}

QTEST_GUILESS_MAIN(tst_TickerProbe)
#include "tst_tickerprobe.moc"
