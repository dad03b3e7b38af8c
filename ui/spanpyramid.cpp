#include "spanpyramid.h"

#include <QtAlgorithms>

void SpanPyramid::clear()
{
    m_tracks.clear();
    for (std::vector<Entry> &level : m_byLevel)
        level.clear();
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
