#pragma once

#include "probeconfig.h"
#include "proberecord.h"
#include "probethread.h"

#include <atomic>
#include <cstdint>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>

class EventRing;
class ProbeWatchdog;
struct LoopState;

// A std::thread that drains the ring, formats the records as JSON lines (docs/PROTOCOL.md)
// and writes them to a non-blocking Unix socket. Connects when the program has named itself
// (its first tick, or half a second after the start), retries every second while Loop Lab is
// away, starts every connection with a hello and repeats the thread names; what it cannot
// send is dropped and counted. Program threads never wait for it.
class ProbeSender
{
public:
    ProbeSender(const ProbeConfig &config, EventRing *ring, LoopState *loop, ProbeWatchdog *watchdog);
    ProbeSender(const ProbeSender &) = delete;
    ProbeSender &operator=(const ProbeSender &) = delete;

    void start();
    // Flushes what is queued and ends, waiting at most until deadlineNs (then it is detached).
    bool stop(int64_t deadlineNs) { return m_thread.stop(deadlineNs); }
    // The program's name for the hello; from any thread, once the program has named itself.
    void setProgram(const std::string &name);
    void setRuntimeVersion(const std::string &version) { m_runtimeVersion = version; }
    void setStartedNs(int64_t ns) { m_startedNs.store(ns, std::memory_order_relaxed); }
    void setReady() { m_ready.store(true, std::memory_order_release); }

    // JSON string escaping of UTF-8 text; invalid bytes become '?'.
    static void appendJsonString(std::string *out, const char *text, size_t length);

private:
    void run();
    void step(bool stopping);
    bool connectNow();
    void disconnect();
    bool flush(int64_t untilNs);
    void hello();
    void format(const ProbeRecord &r);
    void nameThreads();
    void nameThread(int32_t tid, const std::string &name);
    std::string program();

    const ProbeConfig m_config;
    EventRing *m_ring;
    LoopState *m_loop;
    ProbeWatchdog *m_watchdog;
    std::string m_runtimeVersion;
    std::mutex m_programLock;
    std::string m_program;
    std::atomic<int64_t> m_startedNs{0};
    std::atomic<bool> m_ready{false};
    const int m_pid;

    ProbeThread m_thread{"looplab-sender"};

    // The sender thread's own state.
    int m_fd = -1;
    int32_t m_helloTid = 0;
    int m_connections = 0;
    int64_t m_nextTryNs = 0;
    int64_t m_nextNamesNs = 0;
    int64_t m_lastHealthNs = 0;
    uint64_t m_reportedDropped = 0;
    std::string m_out;       // formatted, not yet written
    uint64_t m_outRecords = 0; // records in m_out, counted as dropped if the connection is lost
    std::unordered_map<int32_t, std::string> m_named; // this connection's thread names
    std::set<int32_t> m_spanTids;                     // threads that sent spans: always named
};
