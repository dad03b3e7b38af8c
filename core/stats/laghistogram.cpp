#include "stats/laghistogram.h"

#include <cmath>

LagHistogram::LagHistogram()
    : m_counts(kBuckets, 0)
{
}

int LagHistogram::bucketOf(quint64 ns)
{
    if (ns < 128)
        return int(ns);
    const int msb = 63 - __builtin_clzll(ns); // 7..63
    const int mantissa = int(ns >> (msb - 6)) & 63;
    return qMin(kBuckets - 1, 128 + (msb - 7) * 64 + mantissa);
}

quint64 LagHistogram::bucketLowerNs(int bucket)
{
    if (bucket < 128)
        return quint64(bucket);
    const int k = bucket - 128;
    const int msb = k / 64 + 7;
    return quint64(64 + k % 64) << (msb - 6);
}

quint64 LagHistogram::bucketUpperNs(int bucket)
{
    if (bucket < 128)
        return quint64(bucket) + 1;
    const int msb = (bucket - 128) / 64 + 7;
    return bucketLowerNs(bucket) + (quint64(1) << (msb - 6));
}

void LagHistogram::add(qint64 ns, qint64 count)
{
    if (count <= 0)
        return;
    ns = qMax<qint64>(0, ns);
    m_counts[size_t(bucketOf(quint64(ns)))] += count;
    m_count += count;
    m_max = qMax(m_max, ns);
}

void LagHistogram::merge(const LagHistogram &other)
{
    for (size_t b = 0; b < m_counts.size(); ++b)
        m_counts[b] += other.m_counts[b];
    m_count += other.m_count;
    m_max = qMax(m_max, other.m_max);
}

void LagHistogram::addToBucket(int bucket, qint64 count)
{
    if (bucket < 0 || bucket >= kBuckets || count <= 0)
        return;
    m_counts[size_t(bucket)] += count;
    m_count += count;
}

void LagHistogram::clear()
{
    std::fill(m_counts.begin(), m_counts.end(), 0);
    m_count = 0;
    m_max = 0;
}

qint64 LagHistogram::percentileNs(double p) const
{
    if (m_count == 0)
        return 0;
    const qint64 rank = qMax<qint64>(1, qint64(std::ceil(p / 100.0 * double(m_count))));
    qint64 seen = 0;
    for (int b = 0; b < kBuckets; ++b) {
        seen += m_counts[size_t(b)];
        if (seen >= rank) {
            const quint64 mid = b < 128 ? quint64(b) : (bucketLowerNs(b) + bucketUpperNs(b)) / 2;
            return qMin(qint64(mid), m_max);
        }
    }
    return m_max;
}
