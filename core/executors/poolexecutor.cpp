#include "executors/poolexecutor.h"

#include "engine/handoff.h"
#include "engine/monotonicclock.h"
#include "engine/recorder.h"

#include <QRunnable>
#include <QSemaphore>
#include <QThread>
#include <QtConcurrent/QtConcurrentRun>

// One allocation per task, as for a bare QThreadPool::start(lambda): a lambda holding the
// request is too big for std::function's inline buffer, so start(lambda) allocated twice,
// and the second block was freed on a worker thread (slow path in glibc malloc).
class PoolExecutor::Task : public QRunnable
{
public:
    Task(PoolExecutor *executor, const TaskRequest &request, QSemaphore *done)
        : m_executor(executor)
        , m_request(request)
        , m_done(done)
    {
    }
    void run() override
    {
        Handoff::receive(this);
        m_executor->runOnPoolThread(m_request);
        if (m_done)
            m_done->release();
    }

private:
    PoolExecutor *m_executor;
    TaskRequest m_request;
    QSemaphore *m_done;
};

PoolExecutor::PoolExecutor(Recorder *recorder, std::shared_ptr<std::atomic_bool> cancel, int workers,
                           QObject *parent)
    : Executor(recorder, std::move(cancel), parent)
    , m_workers(qMax(1, workers))
{
    m_pool.setMaxThreadCount(m_workers);
    m_pool.setObjectName(QStringLiteral("looplab-pool"));
}

PoolExecutor::~PoolExecutor()
{
    joinPool();
}

void PoolExecutor::joinPool()
{
    m_cancel->store(true);
    m_pool.waitForDone();
    Handoff::receive(this); // every task's last touch of this executor is behind us
}

void PoolExecutor::runOnPoolThread(const TaskRequest &request)
{
    // QFuture::waitForFinished() may run a task that has not started yet on the waiting
    // thread itself (Qt's work stealing): then it runs on the loop lane.
    const bool onLoop = QThread::currentThread() == thread();
    if (!onLoop)
        lowerCurrentThreadPriority();
    runTask(request, onLoop ? 0 : m_recorder->laneForCurrentThread(lanePrefix()));
    Handoff::publish(this); // for the thread that waits for the pool and then deletes us
}

QFuture<void> PoolExecutor::startOnPool(const TaskRequest &request)
{
    return QtConcurrent::run(&m_pool, [this, request] { runOnPoolThread(request); });
}

void PoolExecutor::submit(const TaskRequest &request)
{
    // Nobody waits on this task, so no QFuture: the task reports through the recorder and
    // taskDone. A new drainer only while fewer run than there are workers: the others
    // would just queue in the pool behind them.
    bool startDrainer = false;
    {
        std::lock_guard<std::mutex> lock(m_queueMutex);
        m_queue.push_back(request);
        if (m_drainers < m_workers) {
            ++m_drainers;
            startDrainer = true;
        }
    }
    if (startDrainer) {
        Handoff::publish(this);
        m_pool.start([this] { drain(); });
    }
}

void PoolExecutor::drain()
{
    Handoff::receive(this);
    lowerCurrentThreadPriority();
    const int lane = m_recorder->laneForCurrentThread(lanePrefix());
    for (;;) {
        TaskRequest request;
        {
            std::lock_guard<std::mutex> lock(m_queueMutex);
            if (m_queue.empty()) {
                --m_drainers;
                break;
            }
            request = std::move(m_queue.front());
            m_queue.pop_front();
        }
        runTask(request, lane);
    }
    Handoff::publish(this); // for the thread that waits for the pool and then deletes us
}

void PoolExecutor::startTask(const TaskRequest &request, QSemaphore *done)
{
    auto *task = new Task(this, request, done);
    Handoff::publish(task);
    m_pool.start(task);
}

bool PoolExecutor::shutdown(int timeoutMs)
{
    // Tasks still queued never start: take them off the queue rather than wake a worker
    // (at nice 10, behind whatever else the machine runs) for each one only to cancel it;
    // with thousands queued that took seconds. Only the running ones are waited for.
    {
        std::lock_guard<std::mutex> lock(m_queueMutex);
        m_queue.clear();
    }
    m_pool.clear();
    const bool done = m_pool.waitForDone(timeoutMs);
    if (done) {
        Handoff::receive(this);
        std::lock_guard<std::mutex> lock(m_queueMutex);
        m_drainers = 0; // clear() may have dropped drainers that never ran to count down
    }
    const int lane = m_recorder->laneNames().indexOf(lanePrefix() + QStringLiteral("-1"));
    cancelQueued(qMax(0, lane));
    return done;
}

quint32 PoolExecutor::beginLoopWait()
{
    const qint64 now = MonotonicClock::nowNs();
    const quint32 id = m_recorder->beginSpan(WorkKind::Wait, mode(), now);
    m_recorder->markStart(id, 0, now);
    return id;
}

void PoolExecutor::endLoopWait(quint32 waitId)
{
    m_recorder->markEnd(waitId, MonotonicClock::nowNs(), SpanState::Done);
}
