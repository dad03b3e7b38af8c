#pragma once

#include <cstdint>
#include <string>

// Takes the GUI thread's stack from the watchdog thread while the GUI thread is stuck: a
// real-time signal nobody handles, sent to that one thread, whose handler calls glibc's
// backtrace() and publishes the addresses in a seqlock (no allocation, no lock, no Qt, errno
// kept). Set up lazily at the first stall, so a program that never stalls never sees the
// handler; if the program later takes the signal for itself, sampling stops for good. A
// thread still parked in the system call it was in at the previous sample of a stall is not
// signalled again: the signal would only cut its sleep short (EINTR) to find the same stack.
class StackSampler
{
public:
    static constexpr int kMaxFrames = 64;
    struct Sample
    {
        uintptr_t pcs[kMaxFrames] = {};
        int count = 0;
        uintptr_t interruptedPc = 0; // where the signal found the thread; 0 if unknown
    };

    enum class Taken { None, Fresh, Same };
    // From the watchdog: sends the signal to `tid` (the GUI thread) and waits a few ms for the
    // stack (Fresh); at most one signal is ever on its way. An answer that comes later is
    // taken at the next call with the same `tag` (the stall), dropped otherwise. Same: the
    // thread is parked where it was at this stall's previous sample, and no signal was sent.
    Taken take(int32_t tid, int64_t tag, Sample *sample);
    bool off() const { return m_off; }
    int signalNumber() const { return m_signal; }

private:
    bool prepare();
    bool stillOurs() const;
    bool answered() const;
    Taken finish(Sample *sample);
    bool collect(Sample *sample);
    static std::string parkedIn(int32_t tid);

    int m_signal = 0;
    bool m_off = false;
    bool m_pending = false; // a signal sent and not answered yet
    int64_t m_pendingTag = 0;
    uint64_t m_sentSequence = 0;
    std::string m_sentParked; // where the thread was parked when the last signal was sent
    std::string m_parked;     // ... and when the last stack was taken (tag: its stall)
    int64_t m_parkedTag = 0;
};
