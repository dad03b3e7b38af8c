#pragma once

#include <cstdint>
#include <string>

// The probe's settings, read once from the environment (the Python probe's _config.py rules).
struct ProbeConfig
{
    bool enabled = true;     // LOOPLAB_PROBE=0 switches a linked probe off
    bool debug = false;      // LOOPLAB_PROBE_DEBUG=1: say what happens on stderr
    bool stacks = true;      // LOOPLAB_QT_STACKS=0: no stack samples (no signal) in stalls
    int intervalMs = 10;     // LOOPLAB_INTERVAL_MS, 1..10000
    int64_t slowNs = 50000000; // LOOPLAB_SLOW_MS: a tick this late is a stall
    std::string socketPath;  // LOOPLAB_SOCKET or the default path

    static ProbeConfig fromEnvironment();
    // StreamServer::defaultPath's rule, without Qt: $LOOPLAB_SOCKET,
    // $XDG_RUNTIME_DIR/looplab/looplab.sock, or /tmp/looplab-<uid>/looplab.sock.
    static std::string defaultSocketPath();
};
