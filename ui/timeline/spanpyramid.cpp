#include "timeline/spanpyramid.h"

#include <QtAlgorithms>

#include <algorithm>
#include <limits>

void SpanPyramid::clear()
{
    m_tracks.clear();
    for (std::vector<Entry> &level : m_byLevel)
        level.clear();
}

void SpanPyramid::dropBefore(quint32 firstId)
{
    // Ids only roughly follow anchors (late spans are inserted in place), so filter, in order.
    auto drop = [firstId](std::vector<Entry> &entries) {
        entries.erase(std::remove_if(entries.begin(), entries.end(),
                                     [firstId](const Entry &e) { return e.id < firstId; }),
                      entries.end());
    };
    for (std::vector<Entry> &track : m_tracks)
        drop(track);
    for (std::vector<Entry> &level : m_byLevel)
        drop(level);
}

int SpanPyramid::levelOf(qint64 ns)
{
    return ns <= 1 ? 0 : 63 - int(qCountLeadingZeroBits(quint64(ns)));
}

void SpanPyramid::insert(std::vector<Entry> &entries, const Entry &e)
{
    if (entries.empty() || !before(e, entries.back()))
        entries.push_back(e);
    else
        entries.insert(std::upper_bound(entries.begin(), entries.end(), e, before), e);
}

void SpanPyramid::add(int track, qint64 anchorNs, qint64 longestNs, quint32 id)
{
    if (track < 0)
        return;
    if (track >= trackCount())
        m_tracks.resize(size_t(track) + 1);
    const Entry e{anchorNs, id, quint8(levelOf(longestNs))};
    insert(m_tracks[size_t(track)], e);
    insert(m_byLevel[e.level], e);
}

std::pair<std::vector<SpanPyramid::Entry>::const_iterator, std::vector<SpanPyramid::Entry>::const_iterator>
SpanPyramid::reaching(int level, qint64 fromNs, qint64 toNs) const
{
    const std::vector<Entry> &entries = m_byLevel[level];
    // Every part of a span at this level is shorter than 2^(level+1) ns, so it lies within
    // that distance of its anchor.
    const qint64 reach = level >= 62 ? (qint64(1) << 62) : (qint64(2) << level);
    const qint64 lo = fromNs > std::numeric_limits<qint64>::min() + reach ? fromNs - reach : fromNs;
    const qint64 hi = toNs < std::numeric_limits<qint64>::max() - reach ? toNs + reach : toNs;
    const auto first = std::partition_point(entries.cbegin(), entries.cend(), [lo](const Entry &e) { return e.anchorNs < lo; });
    const auto last = std::partition_point(first, entries.cend(), [hi](const Entry &e) { return e.anchorNs <= hi; });
    return {first, last};
}

qsizetype SpanPyramid::countLongSpans(int minLevel, qint64 fromNs, qint64 toNs) const
{
    qsizetype count = 0;
    for (int level = qMax(0, minLevel); level < kLevels; ++level) {
        const auto [first, last] = reaching(level, fromNs, toNs);
        count += last - first;
    }
    return count;
}
