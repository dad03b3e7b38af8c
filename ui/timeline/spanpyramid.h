#pragma once

#include <QtGlobal>

#include <algorithm>
#include <vector>

// Finished spans indexed so a wide timeline frame costs O(pixel columns × tracks), not
// O(spans). Each span sits at a level by its longest part (queued, transfer or run time),
// level = floor(log2 ns). At a zoom where a pixel is P ns, spans of levels below
// floor(log2(P / 2)) are narrower than half a pixel: all the timeline draws of one is its
// pixel column, so per track (a lane or the queue row, and a colour batch) a binary search
// per column says whether any falls there. Longer spans are listed by level and drawn one by
// one, exactly as before. Spans arrive in about anchor order; late ones are inserted in place.
class SpanPyramid
{
public:
    static constexpr int kLevels = 64;

    void clear();
    // anchorNs: where its short form is drawn (start, or submit for a span that never ran);
    // longestNs: its longest part.
    void add(int track, qint64 anchorNs, qint64 longestNs, quint32 id);
    // Forgets every span with an id below firstId (the recorder decimated them).
    void dropBefore(quint32 firstId);
    int trackCount() const { return int(m_tracks.size()); }
    static int levelOf(qint64 ns);

    // Calls mark(c) once for each column c in [firstColumn, lastColumn] that holds the anchor
    // of a span of this track below minLevel. column(ns) must not decrease as ns grows.
    template<typename Column, typename Mark>
    void forShortColumns(int track, int minLevel, int firstColumn, int lastColumn, Column column, Mark mark) const;
    // Calls f(id) for every span at minLevel or above that may reach into [fromNs, toNs].
    template<typename F>
    void forLongSpans(int minLevel, qint64 fromNs, qint64 toNs, F f) const;
    // How many spans forLongSpans() would visit, by binary search alone.
    qsizetype countLongSpans(int minLevel, qint64 fromNs, qint64 toNs) const;

private:
    struct Entry
    {
        qint64 anchorNs;
        quint32 id;
        quint8 level;
    };
    static bool before(const Entry &a, const Entry &b) { return a.anchorNs < b.anchorNs; }
    static void insert(std::vector<Entry> &entries, const Entry &e);
    // The level's entries that may reach into [fromNs, toNs].
    std::pair<std::vector<Entry>::const_iterator, std::vector<Entry>::const_iterator>
    reaching(int level, qint64 fromNs, qint64 toNs) const;

    std::vector<std::vector<Entry>> m_tracks;
    std::vector<Entry> m_byLevel[kLevels];
};

template<typename Column, typename Mark>
void SpanPyramid::forShortColumns(int track, int minLevel, int firstColumn, int lastColumn, Column column,
                                  Mark mark) const
{
    if (track < 0 || track >= trackCount())
        return;
    const std::vector<Entry> &entries = m_tracks[size_t(track)];
    auto it = std::partition_point(entries.cbegin(), entries.cend(),
                                   [&](const Entry &e) { return column(e.anchorNs) < firstColumn; });
    while (it != entries.cend()) {
        const int c = column(it->anchorNs);
        if (c > lastColumn)
            return;
        // Usually the first span in the column is short; long ones there are drawn anyway.
        bool found = false;
        for (; it != entries.cend() && column(it->anchorNs) == c; ++it) {
            if (it->level < minLevel) {
                found = true;
                break;
            }
        }
        if (found) {
            mark(c);
            // Galloping, then binary search: the next column is usually a few entries on, and
            // the probes stay in memory already read.
            auto inColumn = [&](const Entry &e) { return column(e.anchorNs) <= c; };
            ptrdiff_t step = 1;
            while (step < entries.cend() - it && inColumn(*(it + step))) {
                it += step;
                step *= 2;
            }
            it = std::partition_point(it, it + std::min<ptrdiff_t>(step, entries.cend() - it), inColumn);
        }
    }
}

template<typename F>
void SpanPyramid::forLongSpans(int minLevel, qint64 fromNs, qint64 toNs, F f) const
{
    for (int level = qMax(0, minLevel); level < kLevels; ++level) {
        const auto [first, last] = reaching(level, fromNs, toNs);
        for (auto it = first; it != last; ++it)
            f(it->id);
    }
}
