#include "window/drawmeter.h"

#include "engine/recorder.h"

#include <algorithm>

namespace {
// Closer than this, nothing else ran in between worth telling apart.
constexpr qint64 kJoinNs = 50'000;
} // namespace

void DrawMeter::reset(const Recorder *recorder)
{
    m_slices.clear();
    m_recent.clear();
    m_nextTick = recorder ? recorder->tickCount() : 0;
    m_nowNs = 0;
    m_runLongestNs = 0;
    m_runLongestStartNs = 0;
    m_runTicks = 0;
    m_runHit = 0;
}

void DrawMeter::addSlice(qint64 startNs, qint64 endNs)
{
    if (endNs < startNs)
        return;
    if (!m_slices.isEmpty() && startNs <= m_slices.constLast().endNs + kJoinNs) {
        Slice &last = m_slices.last();
        last.startNs = std::min(last.startNs, startNs);
        last.endNs = std::max(last.endNs, endNs);
    } else {
        m_slices.append({startNs, endNs});
    }
    const Slice &last = m_slices.constLast();
    if (last.endNs - last.startNs > m_runLongestNs) {
        m_runLongestNs = last.endNs - last.startNs;
        m_runLongestStartNs = last.startNs;
    }
}

void DrawMeter::update(const Recorder &recorder, qint64 nowNs)
{
    m_nowNs = nowNs;
    // A recorded tick ran after any slice it fell due in had ended, so that slice is here.
    const quint32 count = recorder.tickCount();
    auto slice = m_slices.cbegin();
    for (quint32 i = std::max(m_nextTick, recorder.firstTick()); i < count; ++i) {
        const qint64 due = recorder.tick(i).expectedNs;
        while (slice != m_slices.cend() && slice->endNs <= due)
            ++slice;
        const bool hit = slice != m_slices.cend() && slice->startNs <= due;
        m_recent.push_back({due, hit});
        ++m_runTicks;
        m_runHit += hit;
    }
    m_nextTick = count;
    while (!m_recent.empty() && m_recent.front().ns < nowNs - kWindowNs)
        m_recent.pop_front();
    const auto old = std::find_if(m_slices.cbegin(), m_slices.cend(),
                                  [nowNs](const Slice &s) { return s.endNs >= nowNs - 2 * kWindowNs; });
    m_slices.erase(m_slices.cbegin(), old);
}

qint64 DrawMeter::longestNs() const
{
    qint64 longest = 0;
    for (const Slice &s : m_slices) {
        if (s.endNs >= m_nowNs - kWindowNs && s.startNs <= m_nowNs)
            longest = std::max(longest, s.endNs - s.startNs);
    }
    return longest;
}

double DrawMeter::dueShare() const
{
    if (m_recent.empty())
        return 0.0;
    const auto hits = std::count_if(m_recent.cbegin(), m_recent.cend(), [](const Due &d) { return d.hit; });
    return double(hits) / double(m_recent.size());
}
