#pragma once

#include "proberecord.h"

#include <atomic>
#include <cstddef>
#include <memory>

// A bounded lock-free queue of ProbeRecords, many producers, one consumer (the sender):
// Dmitry Vyukov's bounded MPMC queue. A push never waits: when the ring is full the record
// is dropped and counted.
class EventRing
{
public:
    explicit EventRing(size_t capacity); // a power of two
    EventRing(const EventRing &) = delete;
    EventRing &operator=(const EventRing &) = delete;

    bool push(const ProbeRecord &record);
    bool pop(ProbeRecord *record);
    uint64_t dropped() const { return m_dropped.load(std::memory_order_relaxed); }
    void countDropped(uint64_t n) { m_dropped.fetch_add(n, std::memory_order_relaxed); }

private:
    struct Cell
    {
        std::atomic<size_t> sequence;
        ProbeRecord record;
    };
    std::unique_ptr<Cell[]> m_cells;
    const size_t m_mask;
    alignas(64) std::atomic<size_t> m_enqueue{0};
    alignas(64) std::atomic<size_t> m_dequeue{0};
    alignas(64) std::atomic<uint64_t> m_dropped{0};
};
