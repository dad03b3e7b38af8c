#include "qtprobe.h"

#include "eventnotes.h"
#include "probeclock.h"
#include "probesender.h"
#include "probeticker.h"
#include "probewatchdog.h"

#include "looplab/looplabprobe.h"

#include <QCoreApplication>
#include <QSocketNotifier>
#include <QThread>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#include <pthread.h>

namespace {
constexpr size_t kRingRecords = 8192;
// The program's exit waits this long at most for the probe's threads.
constexpr int64_t kExitWaitNs = 100000000;
} // namespace

std::atomic<QtProbe *> QtProbe::s_instance{nullptr};
std::atomic<bool> QtProbe::s_off{false};

QtProbe::QtProbe()
    : m_config(ProbeConfig::fromEnvironment())
    , m_ring(kRingRecords)
{
}

QtProbe *QtProbe::instance()
{
    return s_instance.load(std::memory_order_acquire);
}

void QtProbe::startForApplication()
{
    // On the thread constructing the QCoreApplication, inside its constructor.
    if (s_off.load(std::memory_order_relaxed) || !QCoreApplication::instance())
        return;
    QtProbe *probe = instance();
    if (!probe) {
        probe = new QtProbe;
        if (!probe->m_config.enabled) {
            s_off.store(true);
            delete probe;
            return;
        }
        probe->m_watchdog = new ProbeWatchdog(&probe->m_loop, probe->m_config.stacks);
        probe->m_sender = new ProbeSender(probe->m_config, &probe->m_ring, &probe->m_loop, probe->m_watchdog);
        probe->m_sender->setRuntimeVersion(qVersion());
        s_instance.store(probe, std::memory_order_release);
        pthread_atfork(nullptr, nullptr, &QtProbe::afterForkInChild);
        std::atexit(&QtProbe::atExit);
        probe->m_watchdog->start();
        probe->m_sender->start();
    }
    if (!probe->m_ticker)
        probe->startLoop();
}

void QtProbe::startLoop()
{
    auto *ticker = new ProbeTicker(&m_ring, &m_loop, int64_t(m_config.intervalMs) * 1000000, m_config.slowNs);
    if (!ticker->start()) {
        delete ticker;
        return;
    }
    m_ticker = ticker;
    // The name the program has now (argv[0]'s base name unless it set one); it may set
    // another in main(), so it is read again at the first tick.
    m_sender->setProgram(QCoreApplication::applicationName().toStdString());
    m_sender->setStartedNs(ProbeClock::nowNs());
    ticker->setFirstTickHook([this] {
        m_sender->setProgram(QCoreApplication::applicationName().toStdString());
        m_sender->setReady();
    });
    EventNotes::install(ticker->notifier());
    qAddPostRoutine(&QtProbe::applicationGone);
    if (m_config.debug)
        std::fprintf(stderr, "looplab probe: measuring the loop of thread %d\n", ProbeClock::currentTid());
}

void QtProbe::applicationGone()
{
    // In ~QCoreApplication, on its thread: the receivers noted and the notifier go with it.
    QtProbe *probe = instance();
    if (!probe || !probe->m_ticker)
        return;
    EventNotes::uninstall();
    delete probe->m_ticker;
    probe->m_ticker = nullptr;
}

void QtProbe::atExit()
{
    QtProbe *probe = instance();
    if (!probe || s_off.load())
        return;
    const int64_t deadline = ProbeClock::nowNs() + kExitWaitNs;
    probe->m_watchdog->stop(ProbeClock::nowNs() + kExitWaitNs / 5);
    probe->m_sender->stop(deadline);
}

void QtProbe::afterForkInChild()
{
    // The child has none of the probe's threads: it stays quiet (it usually execs at once).
    s_off.store(true);
    EventNotes::disable();
}

void QtProbe::pushSpan(const char *name, int64_t beginNs, int64_t endNs)
{
    ProbeRecord r;
    r.type = ProbeRecord::Type::Span;
    r.tid = ProbeClock::currentTid();
    r.ns = beginNs;
    r.durNs = endNs > beginNs ? endNs - beginNs : 0;
    if (name) {
        // Cut at a character boundary is the sender's job; here only a bounded copy.
        size_t n = strnlen(name, ProbeRecord::kNameBytes - 1);
        std::memcpy(r.name, name, n);
        r.name[n] = '\0';
    }
    m_ring.push(r);
}

extern "C" {

int64_t looplab_probe_span_begin(void)
{
    return ProbeClock::nowNs();
}

void looplab_probe_span_end(const char *name, int64_t begin_ns)
{
    QtProbe *probe = QtProbe::instance();
    if (probe)
        probe->pushSpan(name, begin_ns, ProbeClock::nowNs());
}

void looplab_probe_start(void)
{
    if (QCoreApplication::instance() && QThread::currentThread() == QCoreApplication::instance()->thread())
        QtProbe::startForApplication();
}

} // extern "C"

namespace {
void startLoopLabProbe()
{
    QtProbe::startForApplication();
}
} // namespace

Q_COREAPP_STARTUP_FUNCTION(startLoopLabProbe)
