// The cost of watching: the same offloaded run measured headless (a plain Session on a
// QCoreApplication) or inside the real window with its live charts redrawing every frame.
// Usage: bench_watching --headless | --window [--duration S]
// --window needs a display (run.sh / watching.sh start Xvfb). Prints one line:
//   <mode> p50_ms=... p99_ms=... max_ms=... ticks=...

#include "dashboard.h"
#include "latencychart.h"
#include "mainwindow.h"
#include "runconfig.h"
#include "session.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <cstdio>
#include <memory>

namespace {
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
    double durationS = 10;
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--headless") == 0)
            headless = true;
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

    QApplication app(argc, argv);
    MainWindow window;
    window.setMode(config.mode);
    window.show();
    // Let the window map and paint once before the run starts.
    QEventLoop settle;
    QTimer::singleShot(500, &settle, &QEventLoop::quit);
    settle.exec();
    // The window's own session, so its started/finished handlers drive the live charts
    // exactly as when the user presses Start; the config is set directly so both sides
    // run the same workload (the toolbar controls are private to the window).
    if (const int rc = runSession(window.session(), config))
        return rc;
    printSummary("window", window.session()->summary());
    // Evidence the charts were live: the cost of the last chart update.
    std::printf("window chart_update_ms=%.3f\n", double(window.dashboard()->latencyChart()->lastUpdateNs()) / 1e6);
    return 0;
}
