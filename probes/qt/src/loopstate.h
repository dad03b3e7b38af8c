#pragma once

#include <atomic>
#include <cstdint>

// The measured loop, as the GUI thread's ticker publishes it for the watchdog and the sender.
struct LoopState
{
    std::atomic<int64_t> deadlineNs{0}; // the next tick's deadline; 0 while no loop is measured
    std::atomic<uint64_t> ticks{0};     // ticks since the ticker started
    std::atomic<int32_t> loopTid{0};    // the GUI thread
    // Set by the sender while Loop Lab cannot be reached (its last attempt failed, or before
    // the first one, its socket file is missing): no one would see a stack, none is taken.
    std::atomic<bool> loopLabAway{false};
};
