#pragma once

#include <QVector>
#include <QtGlobal>

#include <deque>

class Recorder;

// What our own drawing does to the loop it measures: the GUI-thread slices spent refreshing
// and painting, the longest of them in the last second, and the share of the ticker's ticks
// that fell due while one ran (such a tick waits for the slice to end: lag we caused).
// Slices that touch or nest (a widget's paint inside the window's) count as one.
class DrawMeter
{
public:
    static constexpr qint64 kWindowNs = 1'000'000'000;

    // A new run: forget the slices, and count ticks from the recorder's next one.
    void reset(const Recorder *recorder);
    void addSlice(qint64 startNs, qint64 endNs);
    // Matches the ticks recorded since the last call with the slices; call at least every
    // second (slices are kept for two).
    void update(const Recorder &recorder, qint64 nowNs);

    // The last second before the last update().
    qint64 longestNs() const;
    double dueShare() const; // 0..1
    // Since reset().
    qint64 runLongestNs() const { return m_runLongestNs; }
    qint64 runLongestStartNs() const { return m_runLongestStartNs; } // where it began
    double runDueShare() const { return m_runTicks ? double(m_runHit) / double(m_runTicks) : 0.0; }
    qint64 runTicks() const { return m_runTicks; }

private:
    struct Slice
    {
        qint64 startNs;
        qint64 endNs;
    };
    struct Due
    {
        qint64 ns;
        bool hit;
    };
    QVector<Slice> m_slices; // by start
    std::deque<Due> m_recent; // ticks of the last second
    quint32 m_nextTick = 0;
    qint64 m_nowNs = 0;
    qint64 m_runLongestNs = 0;
    qint64 m_runLongestStartNs = 0;
    qint64 m_runTicks = 0;
    qint64 m_runHit = 0;
};
