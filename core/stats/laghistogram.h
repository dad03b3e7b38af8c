#pragma once

#include <QtGlobal>

#include <vector>

// A log-linear histogram of non-negative durations in ns (HdrHistogram's layout):
// exact below 128 ns, then 64 buckets per power of two, so any percentile it reports is
// within 1.6 % of the true value. Constant memory and O(1) insertion, which is what the
// live statistics need on an hour-long run.
class LagHistogram
{
public:
    LagHistogram();

    void add(qint64 ns, qint64 count = 1);
    void merge(const LagHistogram &other);
    // For reading one back from a file: a bucket's count, and the largest value seen.
    qint64 bucketCount(int bucket) const { return m_counts[size_t(bucket)]; }
    void addToBucket(int bucket, qint64 count);
    void setMaxNs(qint64 ns) { m_max = ns; }
    void clear();
    qint64 count() const { return m_count; }
    qint64 maxNs() const { return m_max; }
    // Nearest-rank percentile, p in 0..100; the middle of the bucket holding it, never
    // above the largest value recorded. 0 when empty.
    qint64 percentileNs(double p) const;

    static int bucketOf(quint64 ns);
    static quint64 bucketLowerNs(int bucket);
    static quint64 bucketUpperNs(int bucket); // exclusive
    static constexpr int kBuckets = 128 + 56 * 64;

private:
    std::vector<qint64> m_counts;
    qint64 m_count = 0;
    qint64 m_max = 0;
};
