#include "probewatchdog.h"

#include "loopstate.h"
#include "probeclock.h"
#include "stacksymbols.h"

#include <QEvent>
#include <QMetaEnum>
#include <QObject>
#include <QString>

#include <algorithm>
#include <cstdlib>
#include <cxxabi.h>

namespace {
constexpr int64_t kSampleNs = 10000000;
// Start reading well before a stall reaches 50 ms, so even a short one has samples.
constexpr int64_t kSampleAfterNs = 20000000;
constexpr size_t kCandidates = 8;
constexpr size_t kFound = 32;
// A stack at the first overdue check, then every 50 ms: the first second of a stall is
// enough to tell what it is doing, and a long stall is not interrupted more.
constexpr int64_t kStackEveryNs = 50000000;
constexpr int kStacksPerStall = 20;
// Frames named in the culprit line; `frames` has the rest.
constexpr int kLineFrames = 4;
constexpr const char *kBeforeFirstTick = "blocked before the event loop first ran";
constexpr const char *kOutsideDelivery = "outside any Qt event delivery";

std::string demangled(const std::type_info *type)
{
    if (!type)
        return "QEvent";
    int status = 0;
    char *name = abi::__cxa_demangle(type->name(), nullptr, nullptr, &status);
    std::string out = status == 0 && name ? name : type->name();
    std::free(name);
    return out;
}
} // namespace

ProbeWatchdog::ProbeWatchdog(const LoopState *loop, bool stacks)
    : m_loop(loop)
    , m_stacks(stacks)
{
}

void ProbeWatchdog::start()
{
    m_thread.start([this] { run(); });
}

ProbeWatchdog::Culprit ProbeWatchdog::culpritFor(int64_t dueNs)
{
    std::lock_guard<std::mutex> lock(m_foundLock);
    for (auto it = m_found.rbegin(); it != m_found.rend(); ++it) {
        if (it->first == dueNs)
            return it->second;
    }
    return {"unknown", {}};
}

void ProbeWatchdog::run()
{
    while (!m_thread.stopping()) {
        const int64_t due = m_loop->deadlineNs.load(std::memory_order_acquire);
        int64_t waitNs = 100000000;
        if (due != 0) {
            const int64_t overdue = ProbeClock::nowNs() - due;
            if (overdue <= kSampleAfterNs) {
                // Until this tick would be overdue: a healthy loop has moved its deadline on by then.
                waitNs = std::max(kSampleNs, kSampleAfterNs - overdue);
            } else {
                sample(due, m_loop->ticks.load(std::memory_order_relaxed) == 0);
                waitNs = kSampleNs;
            }
        }
        m_thread.waitFor(waitNs);
    }
}

void ProbeWatchdog::sample(int64_t dueNs, bool beforeFirstTick)
{
    if (dueNs != m_sampledDue) {
        m_sampledDue = dueNs;
        m_candidates.clear();
        m_event.clear();
        m_samples.clear();
        m_lastFrames.clear();
        m_stackSamples = 0;
        m_nextStackNs = 0;
    }
    bool changed = false;
    if (beforeFirstTick) {
        changed = m_event.empty();
        m_event = kBeforeFirstTick;
    } else {
        changed = sampleEvent(dueNs);
    }
    if (m_stacks && !m_loop->loopLabAway.load(std::memory_order_relaxed) && sampleStack(dueNs))
        changed = true;
    if (changed)
        remember(dueNs);
}

bool ProbeWatchdog::sampleEvent(int64_t dueNs)
{
    EventNotes::Note note;
    if (!EventNotes::read(&note))
        return false;
    Candidate *seen = nullptr;
    for (Candidate &c : m_candidates) {
        if (c.receiver == note.receiver && c.type == note.type && c.timerId == note.timerId)
            seen = &c;
    }
    if (!seen) {
        if (m_candidates.size() >= kCandidates)
            m_candidates.pop_front();
        std::string objectName;
        if (note.receiver != EventNotes::ours()) {
            // Read during the stall, while the receiver is busy with this very event.
            QString name;
            if (!EventNotes::objectNameWhileAlive(note, &name))
                return false; // the delivery changed meanwhile, or the receiver is going
            objectName = name.toStdString();
        }
        m_candidates.push_back({note.receiver, note.type, note.timerId, 0, describe(note, objectName)});
        seen = &m_candidates.back();
    }
    // The GUI thread must still be stuck on the same tick, or this note is not the stall's.
    if (m_loop->deadlineNs.load(std::memory_order_acquire) != dueNs)
        return false;
    ++seen->count;
    const Candidate *best = seen;
    for (const Candidate &c : m_candidates) {
        if (c.count > best->count)
            best = &c;
    }
    m_event = best->text;
    return true;
}

bool ProbeWatchdog::sampleStack(int64_t dueNs)
{
    const int64_t now = ProbeClock::nowNs();
    if (m_sampler.off() || m_stackSamples >= kStacksPerStall || now < m_nextStackNs)
        return false;
    m_nextStackNs = now + kStackEveryNs;
    StackSampler::Sample sample;
    const StackSampler::Taken taken = m_sampler.take(m_loop->loopTid.load(std::memory_order_relaxed), dueNs, &sample);
    if (taken == StackSampler::Taken::None)
        return false;
    ++m_stackSamples;
    // Taken before this check: the GUI thread was inside the stall when it answered.
    if (m_loop->deadlineNs.load(std::memory_order_acquire) != dueNs)
        return false;
    if (taken == StackSampler::Taken::Same) {
        // Still asleep where the last sample found it: that stack again, without a signal.
        for (Stack &s : m_samples) {
            if (!m_lastFrames.empty() && s.frames == m_lastFrames) {
                ++s.count;
                return true;
            }
        }
        return false;
    }
    StackSymbols::Outer outer = StackSymbols::Outer::Unknown;
    const std::vector<StackSymbols::Frame> frames = StackSymbols::frames(sample, &outer);
    m_lastFrames.clear();
    if (frames.empty())
        return false;
    std::vector<std::string> names;
    for (const StackSymbols::Frame &f : frames)
        names.push_back(f.function);
    m_lastFrames = names;
    // The most common stack by its functions (a busy loop is at another instruction each time).
    Stack *seen = nullptr;
    for (Stack &s : m_samples) {
        if (s.frames == names)
            seen = &s;
    }
    if (!seen) {
        if (m_samples.size() >= kCandidates)
            m_samples.pop_front();
        m_samples.push_back({std::move(names), StackSymbols::line(frames, kLineFrames), 0, outer});
        seen = &m_samples.back();
    }
    ++seen->count;
    return true;
}

void ProbeWatchdog::remember(int64_t dueNs)
{
    Culprit culprit{m_event.empty() ? std::string("unknown") : m_event, {}};
    const Stack *best = nullptr;
    for (const Stack &s : m_samples) {
        if (!best || s.count > best->count)
            best = &s; // ties: the first seen
    }
    // Qt says when a delivery begins, never when it ends: a stack that holds no delivery
    // shows the last one noted has ended, and what holds the thread instead.
    if (best && best->outer == StackSymbols::Outer::Loop)
        culprit.text = kOutsideDelivery;
    else if (best && best->outer == StackSymbols::Outer::Start && m_event != kBeforeFirstTick)
        culprit.text = "blocked outside the event loop";
    if (best) {
        // "QMouseEvent (MouseButtonRelease) → QPushButton "loadButton" · in nanosleep ← Demo::load"
        culprit.text += " \u00b7 in " + best->line;
        culprit.frames = best->frames;
    }
    std::lock_guard<std::mutex> lock(m_foundLock);
    if (!m_found.empty() && m_found.back().first == dueNs) {
        m_found.back().second = std::move(culprit);
        return;
    }
    if (m_found.size() >= kFound)
        m_found.pop_front();
    m_found.emplace_back(dueNs, std::move(culprit));
}

std::string ProbeWatchdog::describe(const EventNotes::Note &note, const std::string &objectName)
{
    if (note.receiver == EventNotes::ours())
        return kOutsideDelivery;
    // "QMouseEvent (MouseButtonRelease) → QPushButton "loadButton"", or "QTimerEvent (timer 3) → MyClass".
    std::string text = demangled(note.eventClass);
    const char *typeName = QMetaEnum::fromType<QEvent::Type>().valueToKey(note.type);
    if (note.type == QEvent::Timer)
        text += " (timer " + std::to_string(note.timerId) + ")";
    else if (typeName)
        text += std::string(" (") + typeName + ")";
    else
        text += " (type " + std::to_string(note.type) + ")";
    text += " \u2192 ";
    text += note.className ? note.className : "QObject";
    if (!objectName.empty())
        text += " \"" + objectName + "\"";
    if (note.ownerClass)
        text += std::string(" in ") + note.ownerClass;
    return text;
}
