#pragma once

#include "eventring.h"
#include "loopstate.h"
#include "probeconfig.h"

#include <atomic>
#include <cstdint>

class ProbeSender;
class ProbeTicker;
class ProbeWatchdog;

// The probe in this process: started on the thread of each QCoreApplication as it is
// constructed (Q_COREAPP_STARTUP_FUNCTION, LD_PRELOADed or linked), its ticker and event
// notes ended when that application is destroyed, its threads ended at exit within 100 ms.
// Never freed: a thread detached at exit may still be using it.
class QtProbe
{
public:
    static QtProbe *instance(); // nullptr until the first start
    static void startForApplication();
    void pushSpan(const char *name, int64_t beginNs, int64_t endNs);

private:
    QtProbe();
    void startLoop();
    static void applicationGone();
    static void atExit();
    static void afterForkInChild();

    const ProbeConfig m_config;
    EventRing m_ring;
    LoopState m_loop;
    ProbeWatchdog *m_watchdog = nullptr;
    ProbeSender *m_sender = nullptr;
    ProbeTicker *m_ticker = nullptr;

    static std::atomic<QtProbe *> s_instance;
    static std::atomic<bool> s_off; // after fork in a child, or switched off
};
