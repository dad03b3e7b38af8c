// The cost of watching: the same offloaded run measured headless (a plain Session on a
// QCoreApplication) or inside the real window with its live charts redrawing every frame.
// Usage: bench_watching --headless | --window [--duration S] [--profile]
// --window needs a display (run.sh / watching.sh start Xvfb). Prints one line:
//   <mode> p50_ms=... p99_ms=... max_ms=... ticks=...
// --profile (window only) also prints where the GUI thread's time went, per receiver class
// and event type, timed around each top-level event dispatch, and how many probe ticks fell
// due while the GUI thread was busy with something other than the probe (our own drawing):
// the observer effect, which unlike p99 does not depend on what else runs on the machine.
// LOOPLAB_EVERY_FRAME=1 makes the window draw every frame at once (the behaviour before
// frames were fitted between ticks), for comparison.

#include "window/dashboard.h"
#include "engine/monotonicclock.h"
#include "engine/recorder.h"
#include "charts/latencychart.h"
#include "window/mainwindow.h"
#include "engine/runconfig.h"
#include "run/session.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QThread>
#include <QTimer>

#include <QHash>
#include <QMetaEnum>

#include <algorithm>
#include <cstdio>
#include <memory>
#include <vector>

namespace {
// Times every top-level event dispatch (nested ones, such as the paint events inside an
// UpdateRequest, are listed too but not counted twice in the busy total).
class ProfilingApplication : public QApplication
{
public:
    using QApplication::QApplication;
    bool profiling = false;

    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!profiling || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        // Named before dispatch: a DeferredDelete takes the receiver with it.
        // A plain QWidget is mostly a view's viewport: name its view.
        QByteArray name = receiver->metaObject()->className();
        if (name == "QWidget" && receiver->parent())
            name += QByteArray(" in ") + receiver->parent()->metaObject()->className();
        const QByteArray key = name + ' ' + QMetaEnum::fromType<QEvent::Type>().valueToKey(event->type())
                               + (m_depth ? " (nested)" : "");
        const bool probe = event->type() == QEvent::SockAct;
        const qint64 startNs = MonotonicClock::nowNs();
        ++m_depth;
        const bool result = QApplication::notify(receiver, event);
        --m_depth;
        const qint64 ns = MonotonicClock::nowNs() - startNs;
        if (!m_depth && !probe && ns > 50'000)
            m_busy.push_back({startNs, startNs + ns});
        if (ns > 100'000)
            m_named.push_back({startNs, startNs + ns, key});
        Cost &c = m_costs[key];
        ++c.count;
        c.totalNs += ns;
        c.maxNs = std::max(c.maxNs, ns);
        if (!m_depth) {
            m_busyNs += ns;
            if (ns > 500'000)
                ++m_over500us;
        }
        return result;
    }

    // Ticks due while a non-probe dispatch ran, and by how much each was pushed back.
    void printObserverEffect(const Recorder &recorder) const
    {
        std::vector<double> delaysMs;
        const quint32 count = recorder.tickCount();
        size_t b = 0;
        for (quint32 i = 0; i < count; ++i) {
            const qint64 due = recorder.tick(i).expectedNs;
            while (b < m_busy.size() && m_busy[b].second <= due)
                ++b;
            if (b < m_busy.size() && m_busy[b].first <= due)
                delaysMs.push_back((m_busy[b].second - due) / 1e6);
        }
        std::sort(delaysMs.begin(), delaysMs.end());
        const double worst = delaysMs.empty() ? 0.0 : delaysMs.back();
        const double median = delaysMs.empty() ? 0.0 : delaysMs[delaysMs.size() / 2];
        std::printf("observer ticks=%u due_during_our_work=%zu (%.2f %%) median_push_ms=%.3f max_push_ms=%.3f\n", count,
                    delaysMs.size(), count ? 100.0 * double(delaysMs.size()) / count : 0.0, median, worst);
    }

    // Every dispatch over 0.1 ms (nested ones too) that overlapped [startNs, endNs].
    void printWithin(qint64 startNs, qint64 endNs) const
    {
        for (const Named &n : m_named) {
            if (n.endNs >= startNs && n.startNs <= endNs)
                std::printf("longest_slice at %+8.3f ms: %8.3f ms %s\n", (n.startNs - startNs) / 1e6,
                            (n.endNs - n.startNs) / 1e6, n.key.constData());
        }
    }

    void print(double seconds) const
    {
        std::vector<std::pair<QByteArray, Cost>> rows;
        for (auto it = m_costs.cbegin(); it != m_costs.cend(); ++it)
            rows.emplace_back(it.key(), it.value());
        std::sort(rows.begin(), rows.end(), [](const auto &a, const auto &b) { return a.second.totalNs > b.second.totalNs; });
        std::printf("profile busy_ms=%.1f of %.1f s (%.2f %%), top-level dispatches over 0.5 ms: %lld\n",
                    m_busyNs / 1e6, seconds, 100.0 * m_busyNs / (seconds * 1e9), m_over500us);
        std::printf("profile %-60s %8s %10s %9s %9s\n", "receiver event", "count", "total ms", "mean ms", "max ms");
        for (size_t i = 0; i < rows.size() && i < 25; ++i) {
            const Cost &c = rows[i].second;
            std::printf("profile %-60s %8lld %10.1f %9.3f %9.3f\n", rows[i].first.constData(), c.count, c.totalNs / 1e6,
                        c.totalNs / 1e6 / double(c.count), c.maxNs / 1e6);
        }
    }

private:
    struct Cost
    {
        long long count = 0;
        qint64 totalNs = 0;
        qint64 maxNs = 0;
    };
    QHash<QByteArray, Cost> m_costs;
    std::vector<std::pair<qint64, qint64>> m_busy; // top-level non-probe dispatches over 50 µs
    struct Named
    {
        qint64 startNs;
        qint64 endNs;
        QByteArray key;
    };
    std::vector<Named> m_named;
    qint64 m_busyNs = 0;
    long long m_over500us = 0;
    int m_depth = 0;
};

// Counts the paints of one widget: the live frame rate is how often the lag chart redraws.
class PaintCounter : public QObject
{
public:
    using QObject::QObject;
    int paints = 0;

protected:
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::Paint)
            ++paints;
        return QObject::eventFilter(watched, event);
    }
};

RunConfig benchConfig(double durationS)
{
    RunConfig config;
    config.mode = ExecMode::Pool;
    config.work = WorkKind::Cpu;
    config.jsonKb = 2048;
    config.periodMs = 100;
    config.workers = 2;
    config.durationS = durationS;
    config.intervalMs = 10;
    return config;
}

void printSummary(const char *mode, const Summary &s)
{
    std::printf("%s p50_ms=%.3f p99_ms=%.3f max_ms=%.3f ticks=%lld tasks=%lld\n", mode, s.p50Ms, s.p99Ms, s.maxMs,
                (long long)s.ticks, (long long)s.tasks);
    std::fflush(stdout);
}

int runSession(Session *session, const RunConfig &config)
{
    session->setConfig(config);
    QEventLoop loop;
    QObject::connect(session, &Session::finished, &loop, &QEventLoop::quit);
    QString error;
    if (!session->start(&error)) {
        std::fprintf(stderr, "bench_watching: %s\n", qPrintable(error));
        return 2;
    }
    loop.exec();
    return 0;
}
} // namespace

int main(int argc, char *argv[])
{
    bool headless = false;
    bool profile = false;
    double durationS = 10;
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--headless") == 0)
            headless = true;
        else if (qstrcmp(argv[i], "--profile") == 0)
            profile = true;
        else if (qstrcmp(argv[i], "--duration") == 0 && i + 1 < argc)
            durationS = QByteArray(argv[++i]).toDouble();
    }
    // Never read or overwrite the user's window settings.
    QCoreApplication::setOrganizationName(QStringLiteral("looplab-bench"));
    QCoreApplication::setApplicationName(QStringLiteral("bench_watching"));
    const RunConfig config = benchConfig(durationS);

    if (headless) {
        QCoreApplication app(argc, argv);
        Session session;
        if (const int rc = runSession(&session, config))
            return rc;
        printSummary("headless", session.summary());
        return 0;
    }

    ProfilingApplication app(argc, argv);
    MainWindow window;
    window.setMode(config.mode);
    window.show();
    // Let the window map and paint once before the run starts.
    QEventLoop settle;
    QTimer::singleShot(500, &settle, &QEventLoop::quit);
    settle.exec();
    app.profiling = profile;
    PaintCounter chartPaints;
    window.dashboard()->latencyChart()->viewport()->installEventFilter(&chartPaints);
    // The window's own session, so its started/finished handlers drive the live charts
    // exactly as when the user presses Start; the config is set directly so both sides
    // run the same workload (the toolbar controls are private to the window).
    if (const int rc = runSession(window.session(), config))
        return rc;
    app.profiling = false;
    const int framesDrawn = chartPaints.paints;
    printSummary("window", window.session()->summary());
    const double runS = (window.session()->endNs() - window.session()->startNs()) / 1e9;
    std::printf("window fps=%.1f frames=%d\n", runS > 0 ? framesDrawn / runS : 0.0, framesDrawn);
    // Evidence the charts were live: the cost of the last chart update.
    std::printf("window chart_update_ms=%.3f\n", double(window.dashboard()->latencyChart()->lastUpdateNs()) / 1e6);
    // What the status bar shows, over the whole run: our longest drawing slice and the ticks
    // that fell due in one.
    const DrawMeter &meter = window.drawMeter();
    std::printf("window longest_slice_ms=%.3f due_while_drawing_pct=%.2f\n", double(meter.runLongestNs()) / 1e6,
                100.0 * meter.runDueShare());
    if (profile) {
        // Which dispatches made the longest slice (times from its start; a run's first
        // frame starts at the window's first refresh).
        std::printf("window longest_slice starts %.3f s into the run\n",
                    (meter.runLongestStartNs() - window.session()->startNs()) / 1e9);
        app.printWithin(meter.runLongestStartNs(), meter.runLongestStartNs() + meter.runLongestNs());
        app.print(durationS);
        if (const auto recorder = window.session()->recorder())
            app.printObserverEffect(*recorder);
    }
    return 0;
}
