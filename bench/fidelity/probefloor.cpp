// The probe floor: the lateness a 10 ms fixed-rate wake-up has on an idle machine, measured
// by a bare clock_nanosleep loop, by a bare timerfd + poll loop, by Loop Lab's TickerProbe
// on an idle Qt event loop and by a QTimer (PreciseTimer), one after the other in one
// process, with the thread's default timer slack and with a 1 ns slack.
// Each phase's samples are taken in rounds, the phases interleaved round by round, so a
// burst of load from elsewhere on the machine hits every phase alike instead of one.
// Usage: bench_probe_floor [--samples N] [--rounds R]
//   N wake-ups per phase (default 500 = 5 s), in R rounds (default 5)

#include "engine/monotonicclock.h"
#include "engine/recorder.h"
#include "stats/statistics.h"
#include "engine/tickerprobe.h"

#include <QAbstractEventDispatcher>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <cstdio>
#include <cstring>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/timerfd.h>
#include <thread>
#include <unistd.h>

namespace {
constexpr qint64 kIntervalNs = 10 * 1000000;

struct Result
{
    const char *name;
    qint64 slackNs;
    QVector<double> latenessMs;
};

// 0 keeps the thread's default slack (prctl(PR_SET_TIMERSLACK, 0) restores it).
void setSlack(qint64 slackNs)
{
    prctl(PR_SET_TIMERSLACK, (unsigned long)slackNs, 0, 0, 0);
}

qint64 currentSlack()
{
    return prctl(PR_GET_TIMERSLACK, 0, 0, 0, 0);
}

// Fixed rate with the probe's rule: after a stall of a whole interval, restart from the late wake.
qint64 nextDeadline(qint64 expected, qint64 actual)
{
    return actual - expected >= kIntervalNs ? actual + kIntervalNs : expected + kIntervalNs;
}

timespec toTimespec(qint64 ns)
{
    timespec ts;
    ts.tv_sec = ns / 1000000000;
    ts.tv_nsec = ns % 1000000000;
    return ts;
}

QVector<double> bareSleepLoop(int samples, qint64 slackNs, qint64 *usedSlack)
{
    QVector<double> out;
    std::thread thread([&] {
        if (slackNs)
            setSlack(slackNs);
        *usedSlack = currentSlack();
        qint64 expected = MonotonicClock::nowNs() + kIntervalNs;
        for (int i = 0; i < samples; ++i) {
            const timespec ts = toTimespec(expected);
            while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr) == EINTR) {
            }
            const qint64 actual = MonotonicClock::nowNs();
            out.append(double(actual - expected) / 1e6);
            expected = nextDeadline(expected, actual);
        }
    });
    thread.join();
    return out;
}

// What the probe does minus Qt: a timerfd at absolute deadlines, waited on with poll().
QVector<double> bareTimerfdLoop(int samples, qint64 slackNs, qint64 *usedSlack)
{
    QVector<double> out;
    std::thread thread([&] {
        if (slackNs)
            setSlack(slackNs);
        *usedSlack = currentSlack();
        const int fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
        qint64 expected = MonotonicClock::nowNs() + kIntervalNs;
        for (int i = 0; i < samples;) {
            itimerspec spec{};
            spec.it_value = toTimespec(expected);
            timerfd_settime(fd, TFD_TIMER_ABSTIME, &spec, nullptr);
            pollfd p{fd, POLLIN, 0};
            poll(&p, 1, -1);
            const qint64 actual = MonotonicClock::nowNs();
            quint64 expirations = 0;
            if (::read(fd, &expirations, sizeof expirations) != sizeof expirations)
                continue;
            out.append(double(actual - expected) / 1e6);
            expected = nextDeadline(expected, actual);
            ++i;
        }
        ::close(fd);
    });
    thread.join();
    return out;
}

void runLoopFor(int samples)
{
    QEventLoop loop;
    QTimer::singleShot(int(samples * kIntervalNs / 1000000) + 5, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    loop.exec();
}

QVector<double> tickerProbe(int samples, qint64 slackNs, qint64 *usedSlack)
{
    if (slackNs)
        setSlack(slackNs);
    *usedSlack = currentSlack();
    Recorder recorder;
    TickerProbe probe(&recorder, kIntervalNs);
    QString error;
    if (!probe.start(&error)) {
        std::fprintf(stderr, "probe: %s\n", qPrintable(error));
        return {};
    }
    runLoopFor(samples);
    probe.stop();
    setSlack(0);
    QVector<double> out;
    for (const TickSample &t : recorder.ticks())
        out.append(double(t.latenessNs()) / 1e6);
    return out;
}

// A QTimer measured the same way: expected times on the same fixed-rate schedule.
QVector<double> qtimer(int samples, qint64 slackNs, qint64 *usedSlack)
{
    if (slackNs)
        setSlack(slackNs);
    *usedSlack = currentSlack();
    QVector<double> out;
    QTimer timer;
    timer.setTimerType(Qt::PreciseTimer);
    timer.setInterval(int(kIntervalNs / 1000000));
    qint64 expected = 0;
    QObject::connect(&timer, &QTimer::timeout, [&] {
        const qint64 actual = MonotonicClock::nowNs();
        out.append(double(actual - expected) / 1e6);
        expected = nextDeadline(expected, actual);
    });
    expected = MonotonicClock::nowNs() + kIntervalNs;
    timer.start();
    runLoopFor(samples);
    timer.stop();
    setSlack(0);
    return out;
}

void printRow(const Result &r, double referenceP99)
{
    const double p50 = Statistics::percentile(r.latenessMs, 50);
    const double p99 = Statistics::percentile(r.latenessMs, 99);
    const double max = Statistics::percentile(r.latenessMs, 100);
    double mean = 0;
    for (double v : r.latenessMs)
        mean += v;
    mean = r.latenessMs.isEmpty() ? 0 : mean / r.latenessMs.size();
    std::printf("| %-34s | %7lld | %5lld | %7.3f | %7.3f | %7.3f | %7.3f | %+8.3f |\n", r.name,
                (long long)r.slackNs, (long long)r.latenessMs.size(), mean, p50, p99, max, p99 - referenceP99);
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    int samples = 500;
    const QStringList args = app.arguments();
    const int at = args.indexOf(QStringLiteral("--samples"));
    if (at > 0 && at + 1 < args.size())
        samples = qMax(10, args.at(at + 1).toInt());
    int rounds = 5;
    const int rat = args.indexOf(QStringLiteral("--rounds"));
    if (rat > 0 && rat + 1 < args.size())
        rounds = qBound(1, args.at(rat + 1).toInt(), samples);

    const char *dispatcher = QAbstractEventDispatcher::instance()->metaObject()->className();
    std::printf("Probe floor: %d wake-ups at a 10 ms fixed rate per phase, in %d interleaved rounds, one phase at a time\n",
                samples, rounds);
    std::printf("event dispatcher: %s; default timer slack: %lld ns; CPUs: %u\n\n", dispatcher,
                (long long)currentSlack(), std::thread::hardware_concurrency());

    using Phase = QVector<double> (*)(int, qint64, qint64 *);
    struct PhaseDef
    {
        const char *name;
        qint64 slack;
        Phase fn;
    };
    const PhaseDef phases[] = {
        {"bare clock_nanosleep (thread)", 0, bareSleepLoop},
        {"bare timerfd + poll (thread)", 0, bareTimerfdLoop},
        {"TickerProbe (idle event loop)", 0, tickerProbe},
        {"QTimer PreciseTimer (idle loop)", 0, qtimer},
        {"bare clock_nanosleep, slack 1 ns", 1, bareSleepLoop},
        {"bare timerfd + poll, slack 1 ns", 1, bareTimerfdLoop},
        {"TickerProbe, slack 1 ns", 1, tickerProbe},
        {"QTimer PreciseTimer, slack 1 ns", 1, qtimer},
    };
    QVector<Result> results;
    for (const PhaseDef &p : phases)
        results.append({p.name, 0, {}});
    const int perRound = qMax(1, samples / rounds);
    for (int round = 0; round < rounds; ++round) {
        for (int i = 0; i < results.size(); ++i) {
            qint64 used = 0;
            results[i].latenessMs += phases[i].fn(perRound, phases[i].slack, &used);
            results[i].slackNs = used;
        }
    }

    const double reference = Statistics::percentile(results.first().latenessMs, 99);
    std::printf("| %-34s | %7s | %5s | %7s | %7s | %7s | %7s | %8s |\n", "lateness (ms)", "slack ns", "n", "mean",
                "p50", "p99", "max", "p99 - bare");
    std::printf("|------------------------------------|---------|-------|---------|---------|---------|---------|----------|\n");
    for (const Result &r : results)
        printRow(r, reference);

    const double probeDiff = Statistics::percentile(results.at(2).latenessMs, 99) - reference;
    // The target bounds what the probe adds; waking more punctually than the bare loop (a
    // negative difference, which load bursts produce either way) is no failure.
    std::printf("\nTickerProbe p99 - bare clock_nanosleep p99 = %+.3f ms (target: at most +0.300 ms): %s\n", probeDiff,
                probeDiff <= 0.3 ? "PASS" : "FAIL");
    return qAbs(probeDiff) <= 0.3 ? 0 : 1;
}
