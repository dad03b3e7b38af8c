#pragma once

#include <cstdint>

// One event on its way from a program thread to the sender: fixed size, no pointers into
// the program, formatted as JSON only by the sender.
struct ProbeRecord
{
    enum class Type : uint8_t { Tick, Stall, Span };
    static constexpr int kNameBytes = 48;

    Type type = Type::Tick;
    int32_t tid = 0;
    int64_t ns = 0;   // tick: when it woke; stall: when the late tick was due; span: start
    int64_t durNs = 0; // tick: lag; stall: the late tick's lag; span: how long it ran
    char name[kNameBytes] = {}; // span: its name, NUL-terminated
};
