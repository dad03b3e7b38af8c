#pragma once

#include <QObject>
#include <QTimer>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

class Recorder;

// The queue lesson: a plain (non-Qt) producer thread pushes items into a bounded
// thread-safe queue and tells the loop with a queued call; the loop handles items in short
// slices so its own ticks still run between them. When the producer outruns the loop the
// queue fills and push() blocks the producer: back-pressure, recorded as waits on its lane.
// (asyncio: loop.call_soon_threadsafe(queue.put_nowait, item), or a janus-style queue.)
class QueueExecutor : public QObject
{
    Q_OBJECT
public:
    QueueExecutor(Recorder *recorder, int periodMs, int capacity, int itemUs, QObject *parent = nullptr);
    ~QueueExecutor() override;

    void start();
    // Stops and joins the producer; items still queued end as cancelled.
    void stop();
    void setPeriodMs(int ms) { m_periodMs.store(qMax(1, ms)); }

signals:
    void itemDone(quint32 id);

private:
    void produce();
    void consume();
    void recordDepth(size_t depth);

    Recorder *m_recorder;
    std::atomic<int> m_periodMs;
    const size_t m_capacity;
    const int m_itemUs;
    int m_producerLane = -1;

    std::mutex m_mutex;
    std::condition_variable m_notFull;
    std::deque<quint32> m_items;
    bool m_stopping = false;
    bool m_consumerScheduled = false;
    // The next slice, as a zero timer rather than a posted call: Qt's GLib dispatcher (the
    // default on Linux) gives a chain of posted calls two turns for each turn of the socket
    // notifiers, so a slice chain of posted calls kept the ticker waiting two slices. A zero
    // timer is dispatched in the same turn as the notifiers, as asyncio runs call_soon.
    QTimer m_nextSlice;
    std::thread m_producer;
};
