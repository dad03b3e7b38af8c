// A Qt Widgets program for the Qt probe's tests: a button "loadButton" whose clicked handler
// blocks the GUI thread 200 ms in Demo::load (clicked by a real QMouseEvent), a QTimer, a
// worker QThread named "worker", and 150 ms of blocking before the event loop first runs.
// Built twice: qtprobe_demo links LoopLab::Probe and records spans on the worker;
// qtprobe_plain knows nothing of Loop Lab (the probe comes in by LD_PRELOAD). Both are
// linked with -rdynamic (ENABLE_EXPORTS), so the probe's stack samples name Demo::load.
//   qtprobe_demo [--run-ms N] [--no-click] [--recreate] [--count-signal-handlers]
// The last prints, at exit, how many real-time signals have a handler (the probe's stack
// samples install one; the program itself none).
#include <QApplication>
#include <QCoreApplication>
#include <QMouseEvent>
#include <QPushButton>
#include <QThread>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <cstdio>
#include <cstring>

#ifdef LOOPLAB_DEMO_SPANS
#include "looplab/looplabprobe.h"
#endif

namespace Demo {
// Exported and never inlined, and not a tail call (the count after the sleep): its frame is
// on the stack while it sleeps.
Q_DECL_EXPORT Q_NEVER_INLINE void load();
std::atomic<int> loads{0};
} // namespace Demo

void Demo::load()
{
    QThread::msleep(200);
    loads.fetch_add(1);
}

namespace {
void click(QPushButton *button)
{
    const QPointF at(button->width() / 2.0, button->height() / 2.0);
    const QPointF global = button->mapToGlobal(at);
    QMouseEvent press(QEvent::MouseButtonPress, at, global, Qt::LeftButton, Qt::LeftButton, Qt::NoModifier);
    QCoreApplication::sendEvent(button, &press);
    QMouseEvent release(QEvent::MouseButtonRelease, at, global, Qt::LeftButton, Qt::NoButton, Qt::NoModifier);
    QCoreApplication::sendEvent(button, &release);
}

int realTimeHandlers()
{
    int n = 0;
    for (int sig = SIGRTMIN; sig <= SIGRTMAX; ++sig) {
        struct sigaction now;
        n += sigaction(sig, nullptr, &now) == 0 && ((now.sa_flags & SA_SIGINFO) || now.sa_handler != SIG_DFL);
    }
    return n;
}

// Created, run a little and destroyed twice: the probe must follow.
int recreate(int argc, char **argv)
{
    for (int round = 0; round < 2; ++round) {
        QCoreApplication app(argc, argv);
        QTimer::singleShot(300, &app, &QCoreApplication::quit);
        app.exec();
    }
    return 0;
}
} // namespace

int main(int argc, char **argv)
{
    int runMs = 1500;
    bool doClick = true;
    bool countHandlers = false;
    for (int i = 1; i < argc; ++i) {
        if (!std::strcmp(argv[i], "--run-ms") && i + 1 < argc)
            runMs = std::atoi(argv[++i]);
        else if (!std::strcmp(argv[i], "--no-click"))
            doClick = false;
        else if (!std::strcmp(argv[i], "--count-signal-handlers"))
            countHandlers = true;
        else if (!std::strcmp(argv[i], "--recreate"))
            return recreate(argc, argv);
    }
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);

    QPushButton button(QStringLiteral("Load"));
    button.setObjectName(QStringLiteral("loadButton"));
    button.resize(120, 40);
    QObject::connect(&button, &QPushButton::clicked, [] { Demo::load(); });
    button.show();

    int timerTicks = 0;
    QTimer timer;
    QObject::connect(&timer, &QTimer::timeout, [&timerTicks] { ++timerTicks; });
    timer.start(20);

    std::atomic<bool> stop{false};
    QThread *worker = QThread::create([&stop] {
        while (!stop.load()) {
#ifdef LOOPLAB_DEMO_SPANS
            LoopLabProbe::Span span("crunch");
#endif
            QThread::msleep(30);
        }
    });
    worker->setObjectName(QStringLiteral("worker"));
    worker->start();

    if (doClick)
        QTimer::singleShot(500, &button, [&button] { click(&button); });
    QTimer::singleShot(runMs, &app, &QCoreApplication::quit);
    // Blocked before the event loop first runs.
    QThread::msleep(150);
    const int code = app.exec();
    stop = true;
    worker->wait();
    delete worker;
    if (countHandlers)
        std::printf("real-time signal handlers: %d\n", realTimeHandlers());
    return timerTicks > 0 ? code : 3;
}
