// Loop Lab's own GUI loop while the window shows a program that floods it (issue 16): the
// window listens at LOOPLAB_SOCKET, the first program that connects is picked in the Source
// chooser as a user would, and a ticker of our own on the GUI thread (the same TickerProbe a
// run uses) measures the window's loop lag while the program's run is drawn live.
// Usage: bench_flood_window [--duration S]   (needs a display; flood.sh starts Xvfb)
// Prints one line: window_under_flood p50_ms=... p99_ms=... max_ms=... ticks=...

#include "engine/monotonicclock.h"
#include "engine/recorder.h"
#include "engine/runconfig.h"
#include "engine/tickerprobe.h"
#include "run/summarizer.h"
#include "window/mainwindow.h"

#include <QApplication>
#include <QComboBox>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QTimer>

#include <cstdio>

int main(int argc, char *argv[])
{
    double durationS = 60;
    for (int i = 1; i < argc; ++i) {
        if (qstrcmp(argv[i], "--duration") == 0 && i + 1 < argc)
            durationS = QByteArray(argv[++i]).toDouble();
    }
    QApplication app(argc, argv);
    // Never read or overwrite the user's window settings.
    QCoreApplication::setOrganizationName(QStringLiteral("looplab-bench"));
    QCoreApplication::setApplicationName(QStringLiteral("bench_flood_window"));
    MainWindow window;
    window.show();
    auto *sources = window.findChild<QComboBox *>(QStringLiteral("sourceChooser"));
    if (!sources) {
        std::fprintf(stderr, "bench_flood_window: no Source chooser\n");
        return 2;
    }
    // Wait for the program to connect (the script starts it next), then show it.
    QElapsedTimer waited;
    waited.start();
    while (sources->count() < 2 && waited.elapsed() < 20000) {
        QEventLoop wait;
        QTimer::singleShot(50, &wait, &QEventLoop::quit);
        wait.exec();
    }
    if (sources->count() < 2) {
        std::fprintf(stderr, "bench_flood_window: no program connected\n");
        return 2;
    }
    sources->setCurrentIndex(1);

    RunConfig config;
    config.intervalMs = 10;
    config.durationS = durationS;
    Recorder recorder;
    TickerProbe ticker(&recorder, qint64(config.intervalMs) * 1000000);
    QString error;
    const qint64 startNs = MonotonicClock::nowNs();
    if (!ticker.start(&error)) {
        std::fprintf(stderr, "bench_flood_window: %s\n", qPrintable(error));
        return 2;
    }
    QEventLoop run;
    QTimer::singleShot(int(durationS * 1000), &run, &QEventLoop::quit);
    run.exec();
    ticker.stop();
    const Summary s = Summarizer::summarize(recorder, config, startNs, MonotonicClock::nowNs());
    std::printf("window_under_flood p50_ms=%.3f p99_ms=%.3f max_ms=%.3f ticks=%lld\n", s.p50Ms, s.p99Ms, s.maxMs,
                (long long)s.ticks);
    return 0;
}
