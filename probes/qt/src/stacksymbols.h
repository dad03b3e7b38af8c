#pragma once

#include "stacksampler.h"

#include <string>
#include <vector>

// Names a stack sample's frames, on the watchdog thread (dladdr and demangling allocate):
// the symbol the dynamic linker knows for each address, `library+0xoffset` where it knows
// none (a function not exported, a stripped library). The probe's own frames, the signal
// trampoline and the event loop's machinery (Qt's notify and outwards) are left out.
class StackSymbols
{
public:
    static constexpr int kMaxFrames = 16;
    // A name longer than this (a template-heavy one can take kilobytes) is cut, so a stall
    // stays well inside the protocol's 64 KiB line.
    static constexpr size_t kMaxNameBytes = 400;
    struct Frame
    {
        std::string function; // demangled, without its parameter list
        bool inLibc = false;  // glibc or the kernel's vDSO
        bool unnamedInLibrary = false; // "libQt6Core.so.6+0x16cb35": left out of the line
    };

    // What the walk outwards from the stalled code met first of Qt's machinery: an event
    // delivery (notify), an event loop outside any delivery, or the program's start (not in
    // any event loop); Unknown when the stack ended before any, or had no names for it.
    enum class Outer { Unknown, Delivery, Loop, Start };
    // The program's frames, innermost first, at most kMaxFrames; *outer says where they end.
    static std::vector<Frame> frames(const StackSampler::Sample &sample, Outer *outer = nullptr);
    // "nanosleep ← QThread::msleep ← Demo::load": at most `count` names, a run of libc frames
    // shown as the one the caller called, a library's unnamed frames and template arguments
    // left out.
    static std::string line(const std::vector<Frame> &frames, int count);
    // A demangled name without its parameters ("Foo::bar(int) const" -> "Foo::bar").
    static std::string withoutParameters(const std::string &name);
    static std::string withoutTemplateArguments(const std::string &name);
};
