#include "probesender.h"

#include "eventring.h"
#include "loopstate.h"
#include "probeclock.h"
#include "probewatchdog.h"
#include "taskfile.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include <dirent.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace {
constexpr int64_t kMs = 1000000;
constexpr int64_t kFlushNs = 50 * kMs;
constexpr int64_t kRetryNs = 1000 * kMs;
constexpr int64_t kNamesNs = 1000 * kMs;
// A program that never ticks (blocked before its loop) still connects after this.
constexpr int64_t kReadyAfterNs = 500 * kMs;
// The final flush at exit, within the 100 ms the program may be kept.
constexpr int64_t kExitFlushNs = 80 * kMs;
// Formatted but unwritten text past which the ring is left to fill (and drop).
constexpr size_t kMaxOut = 1 << 20;
constexpr size_t kMaxNamed = 60000;

void appendTs(std::string *out, int64_t ns)
{
    char text[32];
    std::snprintf(text, sizeof text, "%lld.%03lld", static_cast<long long>(ns / 1000), static_cast<long long>(ns % 1000));
    *out += text;
}

std::string readComm(int32_t tid)
{
    char text[64];
    const ssize_t n = readTaskFile(tid, "comm", text, sizeof text);
    if (n <= 0)
        return {};
    std::string name(text, size_t(n));
    while (!name.empty() && name.back() == '\n')
        name.pop_back();
    return name;
}

bool ourThread(const std::string &comm)
{
    return comm == "looplab-sender" || comm == "looplab-watch";
}
} // namespace

ProbeSender::ProbeSender(const ProbeConfig &config, EventRing *ring, LoopState *loop, ProbeWatchdog *watchdog)
    : m_config(config)
    , m_ring(ring)
    , m_loop(loop)
    , m_watchdog(watchdog)
    , m_pid(int(::getpid()))
{
}

void ProbeSender::start()
{
    // No socket file, no Loop Lab: the watchdog need not take stacks before the first attempt.
    struct stat st;
    m_loop->loopLabAway.store(::stat(m_config.socketPath.c_str(), &st) != 0, std::memory_order_relaxed);
    m_thread.start([this] { run(); });
}

void ProbeSender::setProgram(const std::string &name)
{
    // Twice per QCoreApplication (its start and first tick): the GUI thread waits at most for
    // the sender's copy of the string.
    std::lock_guard<std::mutex> lock(m_programLock);
    m_program = name;
}

std::string ProbeSender::program()
{
    std::lock_guard<std::mutex> lock(m_programLock);
    return m_program.empty() ? std::string("qt program") : m_program;
}

void ProbeSender::run()
{
    while (!m_thread.stopping()) {
        step(false);
        m_thread.waitFor(kFlushNs);
    }
    step(true);
    disconnect();
}

void ProbeSender::step(bool stopping)
{
    const int64_t now = ProbeClock::nowNs();
    const int32_t loopTid = m_loop->loopTid.load(std::memory_order_relaxed);
    if (m_fd >= 0 && loopTid != 0 && loopTid != m_helloTid) {
        // A new QCoreApplication on another thread: a connection measures one loop thread.
        disconnect();
        m_nextTryNs = 0;
    }
    if (m_fd < 0) {
        const int64_t started = m_startedNs.load(std::memory_order_relaxed);
        const bool ready = m_ready.load(std::memory_order_acquire) || (started && now - started >= kReadyAfterNs) || stopping;
        if (!ready || (now < m_nextTryNs && !stopping))
            return;
        m_nextTryNs = now + kRetryNs;
        const bool connected = connectNow();
        m_loop->loopLabAway.store(!connected, std::memory_order_relaxed);
        if (!connected)
            return;
    }
    if (now >= m_nextNamesNs || stopping) {
        m_nextNamesNs = now + kNamesNs;
        nameThreads();
    }
    const uint64_t dropped = m_ring->dropped();
    if (dropped != m_reportedDropped && (stopping || now - m_lastHealthNs >= kNamesNs)) {
        m_reportedDropped = dropped;
        m_lastHealthNs = now;
        // Past the bound: the count itself is never dropped.
        m_out += "{\"ph\":\"C\",\"cat\":\"looplab.probe\",\"name\":\"dropped events\",\"pid\":" + std::to_string(m_pid)
            + ",\"tid\":" + std::to_string(m_helloTid) + ",\"ts\":";
        appendTs(&m_out, now);
        m_out += ",\"args\":{\"value\":" + std::to_string(dropped) + "}}\n";
    }
    ProbeRecord record;
    while (m_out.size() < kMaxOut && m_ring->pop(&record)) {
        format(record);
        ++m_outRecords;
    }
    flush(stopping ? now + kExitFlushNs : now);
}

bool ProbeSender::connectNow()
{
    const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return false;
    sockaddr_un address{};
    address.sun_family = AF_UNIX;
    if (m_config.socketPath.size() >= sizeof address.sun_path) {
        ::close(fd);
        return false;
    }
    std::memcpy(address.sun_path, m_config.socketPath.c_str(), m_config.socketPath.size() + 1);
    // A Unix socket connects at once or fails (EAGAIN: Loop Lab's backlog is full; retry later).
    if (::connect(fd, reinterpret_cast<const sockaddr *>(&address), sizeof address) != 0) {
        if (m_config.debug)
            std::fprintf(stderr, "looplab probe: no Loop Lab at %s (%s)\n", m_config.socketPath.c_str(), std::strerror(errno));
        ::close(fd);
        return false;
    }
    if (m_config.debug)
        std::fprintf(stderr, "looplab probe: connected to %s\n", m_config.socketPath.c_str());
    m_fd = fd;
    m_named.clear();
    m_out.clear();
    m_outRecords = 0;
    m_nextNamesNs = 0;
    m_reportedDropped = 0;
    hello();
    return true;
}

void ProbeSender::disconnect()
{
    if (m_fd < 0)
        return;
    ::close(m_fd);
    m_fd = -1;
    m_ring->countDropped(m_outRecords);
    m_out.clear();
    m_outRecords = 0;
}

bool ProbeSender::flush(int64_t untilNs)
{
    size_t sent = 0;
    while (m_fd >= 0 && sent < m_out.size()) {
        const ssize_t n = ::send(m_fd, m_out.data() + sent, m_out.size() - sent, MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0) {
            sent += size_t(n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            const int64_t left = untilNs - ProbeClock::nowNs();
            if (left <= 0)
                break;
            pollfd p{m_fd, POLLOUT, 0};
            ::poll(&p, 1, int(std::max<int64_t>(1, left / kMs)));
            continue;
        }
        // Loop Lab went away: what is unsent is lost, the program goes on.
        if (m_config.debug)
            std::fprintf(stderr, "looplab probe: connection lost (%s)\n", std::strerror(errno));
        m_out.erase(0, sent);
        disconnect();
        m_loop->loopLabAway.store(true, std::memory_order_relaxed);
        return false;
    }
    m_out.erase(0, sent);
    if (m_out.empty())
        m_outRecords = 0;
    return true;
}

void ProbeSender::hello()
{
    int32_t tid = m_loop->loopTid.load(std::memory_order_relaxed);
    if (tid == 0)
        tid = m_pid;
    m_helloTid = tid;
    const std::string name = program();
    const std::string ids = "\"pid\":" + std::to_string(m_pid) + ",\"tid\":" + std::to_string(tid);
    m_out += "{\"ph\":\"M\",\"name\":\"looplab_hello\"," + ids + ",\"ts\":";
    // The first connection's recording starts when the probe did: a stall before the first
    // tick (or before Loop Lab was reached) then lies inside it.
    const int64_t started = m_startedNs.load(std::memory_order_relaxed);
    appendTs(&m_out, m_connections++ == 0 && started > 0 ? started : ProbeClock::nowNs());
    m_out += ",\"args\":{\"protocol\":1,\"program\":";
    appendJsonString(&m_out, name.data(), name.size());
    m_out += ",\"runtime\":\"qt\",\"runtime_version\":";
    appendJsonString(&m_out, m_runtimeVersion.data(), m_runtimeVersion.size());
    m_out += ",\"clock\":\"monotonic\",\"interval_ms\":" + std::to_string(m_config.intervalMs)
        + ",\"loop_tid\":" + std::to_string(tid) + "}}\n";
    m_out += "{\"ph\":\"M\",\"name\":\"process_name\"," + ids + ",\"ts\":0,\"args\":{\"name\":";
    appendJsonString(&m_out, name.data(), name.size());
    m_out += "}}\n";
}

void ProbeSender::format(const ProbeRecord &r)
{
    const std::string ids = ",\"pid\":" + std::to_string(m_pid) + ",\"tid\":" + std::to_string(r.tid) + ",\"ts\":";
    switch (r.type) {
    case ProbeRecord::Type::Tick: {
        char lag[48];
        std::snprintf(lag, sizeof lag, "%.6f", double(r.durNs) / 1e6);
        m_out += "{\"ph\":\"C\",\"cat\":\"looplab.tick\",\"name\":\"loop lag\"" + ids;
        appendTs(&m_out, r.ns);
        m_out += std::string(",\"args\":{\"lag_ms\":") + lag + "}}\n";
        break;
    }
    case ProbeRecord::Type::Stall: {
        const ProbeWatchdog::Culprit culprit = m_watchdog->culpritFor(r.ns);
        m_out += "{\"ph\":\"X\",\"cat\":\"looplab.stall\",\"name\":\"stall\"" + ids;
        appendTs(&m_out, r.ns);
        m_out += ",\"dur\":";
        appendTs(&m_out, r.durNs);
        m_out += ",\"args\":{\"culprit\":";
        appendJsonString(&m_out, culprit.text.data(), culprit.text.size());
        if (!culprit.frames.empty()) {
            m_out += ",\"frames\":[";
            for (size_t i = 0; i < culprit.frames.size(); ++i) {
                m_out += i ? ",{\"function\":" : "{\"function\":";
                appendJsonString(&m_out, culprit.frames[i].data(), culprit.frames[i].size());
                m_out += "}";
            }
            m_out += "]";
        }
        m_out += "}}\n";
        break;
    }
    case ProbeRecord::Type::Span: {
        if (m_named.find(r.tid) == m_named.end() && m_spanTids.size() < kMaxNamed) {
            // A thread with spans is a lane: named before its first span.
            m_spanTids.insert(r.tid);
            if (r.tid != m_helloTid)
                nameThread(r.tid, readComm(r.tid));
        }
        m_out += "{\"ph\":\"X\",\"cat\":\"looplab.task\",\"name\":";
        appendJsonString(&m_out, r.name, strnlen(r.name, sizeof r.name));
        m_out += ids;
        appendTs(&m_out, r.ns);
        m_out += ",\"dur\":";
        appendTs(&m_out, r.durNs);
        m_out += ",\"args\":{\"state\":\"done\",\"kind\":\"executor\"}}\n";
        break;
    }
    }
}

void ProbeSender::nameThreads()
{
    // The program's QThreads and QThreadPool threads have names of their own (Qt sets the
    // objectName or the class name); threads still called like the process are not lanes.
    const std::string processComm = readComm(m_pid);
    DIR *dir = ::opendir("/proc/self/task");
    if (!dir)
        return;
    while (dirent *entry = ::readdir(dir)) {
        const int32_t tid = int32_t(std::atoi(entry->d_name));
        if (tid <= 0 || tid == m_helloTid)
            continue;
        const std::string comm = readComm(tid);
        if (comm.empty() || ourThread(comm))
            continue;
        if (comm == processComm && m_spanTids.find(tid) == m_spanTids.end())
            continue;
        auto it = m_named.find(tid);
        if (it == m_named.end() || it->second != comm)
            nameThread(tid, comm);
    }
    ::closedir(dir);
}

void ProbeSender::nameThread(int32_t tid, const std::string &name)
{
    if (name.empty() || (m_named.size() >= kMaxNamed && m_named.find(tid) == m_named.end()))
        return;
    m_named[tid] = name;
    m_out += "{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":" + std::to_string(m_pid) + ",\"tid\":" + std::to_string(tid)
        + ",\"ts\":0,\"args\":{\"name\":";
    appendJsonString(&m_out, name.data(), name.size());
    m_out += "}}\n";
}

void ProbeSender::appendJsonString(std::string *out, const char *text, size_t length)
{
    static const char hex[] = "0123456789abcdef";
    *out += '"';
    const auto *s = reinterpret_cast<const unsigned char *>(text);
    size_t i = 0;
    while (i < length) {
        const unsigned char c = s[i];
        if (c == '"' || c == '\\') {
            *out += '\\';
            *out += char(c);
            ++i;
        } else if (c < 0x20) {
            *out += "\\u00";
            *out += hex[c >> 4];
            *out += hex[c & 15];
            ++i;
        } else if (c < 0x80) {
            *out += char(c);
            ++i;
        } else {
            // A whole, valid UTF-8 sequence goes through; anything else (a name cut short) is '?'.
            const size_t n = c >= 0xf0 && c < 0xf5 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
            bool ok = n > 0 && i + n <= length;
            for (size_t k = 1; ok && k < n; ++k)
                ok = (s[i + k] & 0xc0) == 0x80;
            if (ok) {
                out->append(text + i, n);
                i += n;
            } else {
                *out += '?';
                ++i;
            }
        }
    }
    *out += '"';
}
