#include "eventring.h"

EventRing::EventRing(size_t capacity)
    : m_cells(new Cell[capacity])
    , m_mask(capacity - 1)
{
    for (size_t i = 0; i < capacity; ++i)
        m_cells[i].sequence.store(i, std::memory_order_relaxed);
}

bool EventRing::push(const ProbeRecord &record)
{
    size_t pos = m_enqueue.load(std::memory_order_relaxed);
    for (;;) {
        Cell &cell = m_cells[pos & m_mask];
        const size_t seq = cell.sequence.load(std::memory_order_acquire);
        const intptr_t diff = intptr_t(seq) - intptr_t(pos);
        if (diff == 0) {
            if (m_enqueue.compare_exchange_weak(pos, pos + 1, std::memory_order_relaxed)) {
                cell.record = record;
                cell.sequence.store(pos + 1, std::memory_order_release);
                return true;
            }
        } else if (diff < 0) {
            countDropped(1); // full
            return false;
        } else {
            pos = m_enqueue.load(std::memory_order_relaxed);
        }
    }
}

bool EventRing::pop(ProbeRecord *record)
{
    size_t pos = m_dequeue.load(std::memory_order_relaxed);
    for (;;) {
        Cell &cell = m_cells[pos & m_mask];
        const size_t seq = cell.sequence.load(std::memory_order_acquire);
        const intptr_t diff = intptr_t(seq) - intptr_t(pos + 1);
        if (diff == 0) {
            if (m_dequeue.compare_exchange_weak(pos, pos + 1, std::memory_order_relaxed)) {
                *record = cell.record;
                cell.sequence.store(pos + m_mask + 1, std::memory_order_release);
                return true;
            }
        } else if (diff < 0) {
            return false; // empty
        } else {
            pos = m_dequeue.load(std::memory_order_relaxed);
        }
    }
}
