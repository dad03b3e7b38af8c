#include "stacksampler.h"

#include "probeclock.h"
#include "taskfile.h"

#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <ctime>

#include <execinfo.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

namespace {
constexpr int kMaxFrames = StackSampler::kMaxFrames;
// How long the watchdog waits for the handler; a thread running or blocked in a syscall
// takes the signal at once, so this is only reached when it is not scheduled (a loaded
// machine) or has the signal blocked.
constexpr int64_t kAnswerNs = 5000000;

// Written by the handler on the target thread, read by the watchdog (a seqlock of atomics).
std::atomic<int32_t> g_target{0};
std::atomic<uint64_t> g_sequence{0}; // odd while a stack is being written
std::atomic<int> g_count{0};
std::atomic<uintptr_t> g_interrupted{0};
std::atomic<uintptr_t> g_pcs[kMaxFrames];
// The handler's buffer: one handler at a time (the signal is blocked while it runs) and
// only on the target thread.
void *g_scratch[kMaxFrames];

uintptr_t interruptedPc(void *context)
{
    const auto *uc = static_cast<const ucontext_t *>(context);
#if defined(__x86_64__)
    return uintptr_t(uc->uc_mcontext.gregs[REG_RIP]);
#elif defined(__aarch64__)
    return uintptr_t(uc->uc_mcontext.pc);
#else
    (void)uc;
    return 0;
#endif
}

void onSignal(int, siginfo_t *, void *context)
{
    // Async-signal context on the program's GUI thread: atomics and backtrace() only, which
    // the watchdog warmed up (its first call loads libgcc_s).
    const int savedErrno = errno;
    if (int32_t(::syscall(SYS_gettid)) == g_target.load(std::memory_order_acquire)) {
        const uint64_t s = g_sequence.load(std::memory_order_relaxed);
        g_sequence.store(s + 1, std::memory_order_relaxed);
        const int n = backtrace(g_scratch, kMaxFrames);
        for (int i = 0; i < n; ++i)
            g_pcs[i].store(reinterpret_cast<uintptr_t>(g_scratch[i]), std::memory_order_release);
        g_count.store(n, std::memory_order_release);
        g_interrupted.store(context ? interruptedPc(context) : 0, std::memory_order_release);
        g_sequence.store(s + 2, std::memory_order_release);
    }
    errno = savedErrno;
}

// The signals blocked on thread `tid`, from /proc (the SigBlk line of its status).
uint64_t blockedSignals(int32_t tid)
{
    char text[4096];
    if (readTaskFile(tid, "status", text, sizeof text) <= 0)
        return ~uint64_t(0);
    const char *line = std::strstr(text, "\nSigBlk:");
    return line ? std::strtoull(line + 8, nullptr, 16) : ~uint64_t(0);
}
} // namespace

bool StackSampler::prepare()
{
    // The first call of backtrace() dlopens libgcc_s and binds our PLT slot: done here, on
    // the watchdog thread, never in the handler.
    void *warm[4];
    backtrace(warm, 4);
    (void)::syscall(SYS_gettid);
    // From SIGRTMAX down: glibc keeps its own below SIGRTMIN; a library that takes one
    // usually counts up from SIGRTMIN.
    for (int sig = SIGRTMAX; sig >= SIGRTMIN; --sig) {
        struct sigaction now;
        if (::sigaction(sig, nullptr, &now) != 0)
            continue;
        const bool unhandled = !(now.sa_flags & SA_SIGINFO) && now.sa_handler == SIG_DFL;
        if (!unhandled)
            continue;
        struct sigaction ours = {};
        ours.sa_sigaction = &onSignal;
        ours.sa_flags = SA_SIGINFO | SA_RESTART | SA_ONSTACK;
        sigemptyset(&ours.sa_mask);
        if (::sigaction(sig, &ours, nullptr) != 0)
            continue;
        m_signal = sig;
        return true;
    }
    return false;
}

bool StackSampler::stillOurs() const
{
    struct sigaction now;
    return ::sigaction(m_signal, nullptr, &now) == 0 && (now.sa_flags & SA_SIGINFO) && now.sa_sigaction == &onSignal;
}

StackSampler::Taken StackSampler::take(int32_t tid, int64_t tag, Sample *sample)
{
    if (m_off || tid == 0)
        return Taken::None;
    if (m_signal == 0 && !prepare()) {
        m_off = true;
        return Taken::None;
    }
    // The program may have taken the signal since: its default action would end it.
    if (!stillOurs()) {
        m_off = true;
        return Taken::None;
    }
    if (m_pending) {
        if (!answered())
            return Taken::None; // still on its way (the thread has not run since): no second signal
        m_pending = false;
        if (m_pendingTag == tag)
            return finish(sample);
        // An answer from an earlier stall says nothing of this one.
    }
    // Qt's sleeps and polls retry after EINTR from the same place: parked there again.
    m_sentParked = parkedIn(tid);
    if (!m_sentParked.empty() && m_sentParked == m_parked && tag == m_parkedTag)
        return Taken::Same;
    m_parked.clear();
    // Blocked there for now (glibc blocks all while it creates a thread), or for good: it
    // would wait, pending, and could be taken by a sigwait() of the program's.
    if ((blockedSignals(tid) >> (m_signal - 1)) & 1)
        return Taken::None;
    m_sentSequence = g_sequence.load(std::memory_order_acquire);
    g_target.store(tid, std::memory_order_release);
    if (::syscall(SYS_tgkill, ::getpid(), tid, m_signal) != 0)
        return Taken::None;
    m_pending = true;
    m_pendingTag = tag;
    const int64_t until = ProbeClock::nowNs() + kAnswerNs;
    while (!answered()) {
        if (ProbeClock::nowNs() >= until)
            return Taken::None;
        const timespec pause{0, 100000};
        ::nanosleep(&pause, nullptr);
    }
    m_pending = false;
    return finish(sample);
}

bool StackSampler::answered() const
{
    // Written completely: the handler has started (changed) and ended (even) since.
    const uint64_t now = g_sequence.load(std::memory_order_acquire);
    return now != m_sentSequence && !(now & 1);
}

StackSampler::Taken StackSampler::finish(Sample *sample)
{
    if (!collect(sample))
        return Taken::None;
    m_parked = m_sentParked;
    m_parkedTag = m_pendingTag;
    return Taken::Fresh;
}

std::string StackSampler::parkedIn(int32_t tid)
{
    // "nr arg1 … arg6 sp pc" while the thread sleeps in a system call, "running" otherwise
    // (proc(5)); the arguments are left out, a poll retried with the time left has others.
    char text[256];
    if (readTaskFile(tid, "syscall", text, sizeof text) <= 0)
        return {};
    const char *words[9] = {};
    int count = 0;
    char *rest = nullptr;
    for (char *word = strtok_r(text, " \n", &rest); word && count < 9; word = strtok_r(nullptr, " \n", &rest))
        words[count++] = word;
    if (count != 9 || std::strcmp(words[0], "-1") == 0)
        return {}; // running, or stopped outside a system call
    return std::string(words[0]) + ' ' + words[7] + ' ' + words[8];
}

bool StackSampler::collect(Sample *sample)
{
    for (int attempt = 0; attempt < 100; ++attempt) {
        const uint64_t before = g_sequence.load(std::memory_order_acquire);
        if (before & 1) {
            const timespec pause{0, 100000}; // a stray signal's stack is being written
            ::nanosleep(&pause, nullptr);
            continue;
        }
        const int n = g_count.load(std::memory_order_acquire);
        sample->count = n < 0 ? 0 : n > kMaxFrames ? kMaxFrames : n;
        for (int i = 0; i < sample->count; ++i)
            sample->pcs[i] = g_pcs[i].load(std::memory_order_acquire);
        sample->interruptedPc = g_interrupted.load(std::memory_order_acquire);
        if (g_sequence.load(std::memory_order_acquire) == before)
            return sample->count > 0;
    }
    return false;
}
