// ThreadSanitizer canary: each scenario races on purpose, through the same Qt hand-offs our
// executors use, and ctest passes only if TSan reports the race with .ci/tsan.supp in use.
// It proves that the suppressions cover Qt's hand-off machinery and not our code behind it.
//   tsan_canary pool | queued | thread | concurrent
#include <QCoreApplication>
#include <QThread>
#include <QThreadPool>
#include <QTimer>
#include <QtConcurrent/QtConcurrentRun>

#include <chrono>
#include <cstdio>
#include <thread>

namespace {
int g_unguarded = 0; // written on one thread, read on another, with no lock: the race

void writeThenLinger()
{
    g_unguarded = 42;
    // Stay busy so that no pool or thread bookkeeping orders the write before the read.
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
}

// A queued signal carrying an argument, as Executor::taskDone does.
class Emitter : public QObject
{
    Q_OBJECT
signals:
    void done(int value);
};
} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString scenario = app.arguments().value(1);
    QThreadPool pool;
    QThread thread;
    QObject worker;
    Emitter emitter;
    QObject receiver;
    if (scenario == QLatin1String("pool")) {
        pool.start([] { writeThenLinger(); }); // as PoolExecutor::submit
    } else if (scenario == QLatin1String("concurrent")) {
        (void)QtConcurrent::run(&pool, [] { writeThenLinger(); }); // as PoolExecutor::startOnPool
    } else if (scenario == QLatin1String("thread")) {
        worker.moveToThread(&thread); // as ThreadExecutor::submit
        thread.start();
        QMetaObject::invokeMethod(&worker, [] { writeThenLinger(); }, Qt::QueuedConnection);
    } else if (scenario == QLatin1String("queued")) {
        // The slot, on the loop thread, writes what the pool thread reads: as Session's slots.
        QObject::connect(&emitter, &Emitter::done, &receiver, [](int value) { g_unguarded = value; },
                         Qt::QueuedConnection);
        pool.start([&emitter] {
            emit emitter.done(7);
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            std::printf("pool thread read %d\n", g_unguarded);
        });
    } else {
        std::fprintf(stderr, "usage: tsan_canary pool|queued|thread|concurrent\n");
        return 2;
    }
    QTimer::singleShot(50, &app, [] { std::printf("loop read %d\n", g_unguarded); });
    QTimer::singleShot(400, &app, &QCoreApplication::quit);
    const int status = app.exec();
    pool.waitForDone();
    thread.quit();
    thread.wait();
    return status;
}

#include "tsan_canary.moc"
