#include "executors/queueexecutor.h"

#include "engine/monotonicclock.h"
#include "engine/recorder.h"

#include <QThread>
#include <QTimer>

#include <time.h>

namespace {
// How long the loop may spend on items before it lets other events (the ticker) run.
constexpr qint64 kSliceNs = 4 * 1000000;

void spinFor(qint64 ns)
{
    const qint64 end = MonotonicClock::nowNs() + ns;
    while (MonotonicClock::nowNs() < end) {
    }
}
} // namespace

QueueExecutor::QueueExecutor(Recorder *recorder, int periodMs, int capacity, int itemUs, QObject *parent)
    : QObject(parent)
    , m_recorder(recorder)
    , m_periodMs(qMax(1, periodMs))
    , m_capacity(size_t(qMax(1, capacity)))
    , m_itemUs(itemUs)
    , m_nextSlice(this)
{
    m_nextSlice.setSingleShot(true);
    m_nextSlice.setInterval(0);
    connect(&m_nextSlice, &QTimer::timeout, this, &QueueExecutor::consume);
}

QueueExecutor::~QueueExecutor()
{
    stop();
}

void QueueExecutor::start()
{
    if (m_producer.joinable())
        return;
    if (m_producerLane < 0)
        m_producerLane = m_recorder->registerLane(QStringLiteral("producer"));
    m_stopping = false;
    recordDepth(0);
    m_producer = std::thread([this] { produce(); });
}

void QueueExecutor::stop()
{
    if (!m_producer.joinable())
        return;
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_notFull.notify_all();
    m_producer.join();
    m_nextSlice.stop();
    std::deque<quint32> left;
    {
        std::lock_guard lock(m_mutex);
        left.swap(m_items);
        m_consumerScheduled = false;
    }
    const qint64 now = MonotonicClock::nowNs();
    for (quint32 id : left) {
        m_recorder->markStart(id, 0, now);
        m_recorder->markEnd(id, now, SpanState::Cancelled);
    }
    recordDepth(0);
}

void QueueExecutor::produce()
{
    qint64 next = MonotonicClock::nowNs();
    for (;;) {
        next += qint64(m_periodMs.load()) * 1000000;
        const timespec ts{time_t(next / 1000000000), long(next % 1000000000)};
        clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, nullptr);

        const qint64 produced = MonotonicClock::nowNs();
        const quint32 id = m_recorder->beginSpan(WorkKind::Item, ExecMode::Queue, produced);
        std::unique_lock lock(m_mutex);
        if (m_items.size() >= m_capacity && !m_stopping) {
            // Back-pressure: the producer is stuck until the loop makes room.
            const quint32 wait = m_recorder->beginSpan(WorkKind::Wait, ExecMode::Queue, produced);
            m_recorder->markStart(wait, m_producerLane, produced);
            m_notFull.wait(lock, [this] { return m_items.size() < m_capacity || m_stopping; });
            m_recorder->markEnd(wait, MonotonicClock::nowNs(), SpanState::Done);
            next = MonotonicClock::nowNs(); // a blocked producer does not catch up afterwards
        }
        if (m_stopping) {
            lock.unlock();
            m_recorder->markStart(id, 0, MonotonicClock::nowNs());
            m_recorder->markEnd(id, MonotonicClock::nowNs(), SpanState::Cancelled);
            return;
        }
        m_items.push_back(id);
        const size_t depth = m_items.size();
        const bool notify = !m_consumerScheduled;
        m_consumerScheduled = true;
        lock.unlock();
        recordDepth(depth);
        if (notify) // one pending notification is enough: the consumer drains in slices
            QMetaObject::invokeMethod(this, &QueueExecutor::consume, Qt::QueuedConnection);
    }
}

void QueueExecutor::consume()
{
    Q_ASSERT(QThread::currentThread() == thread());
    const qint64 sliceEnd = MonotonicClock::nowNs() + kSliceNs;
    for (;;) {
        quint32 id;
        size_t depth;
        {
            std::lock_guard lock(m_mutex);
            if (m_items.empty()) {
                m_consumerScheduled = false;
                return;
            }
            id = m_items.front();
            m_items.pop_front();
            depth = m_items.size();
        }
        m_notFull.notify_one();
        recordDepth(depth);
        m_recorder->markStart(id, 0, MonotonicClock::nowNs());
        spinFor(qint64(m_itemUs) * 1000); // handling the item is real work on the loop
        m_recorder->markEnd(id, MonotonicClock::nowNs(), SpanState::Done);
        emit itemDone(id);
        if (MonotonicClock::nowNs() >= sliceEnd)
            break;
    }
    // Let the ticker and the rest of the loop run before the next slice.
    m_nextSlice.start();
}

void QueueExecutor::recordDepth(size_t depth)
{
    m_recorder->addCounter(Counter::QueueDepth, MonotonicClock::nowNs(), double(depth));
}
