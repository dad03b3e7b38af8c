#include "stacksymbols.h"

#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cxxabi.h>

#include <dlfcn.h>
#include <link.h>

namespace {
// Where the program's own code ends, going outwards, and what holds it there: Qt's event
// delivery, Qt's event loops outside any delivery, or glibc's start of the program.
StackSymbols::Outer machinery(const std::string &name)
{
    using Outer = StackSymbols::Outer;
    static const std::pair<const char *, Outer> prefixes[] = {
        {"QCoreApplication::notifyInternal2", Outer::Delivery}, {"QCoreApplicationPrivate::notify_helper", Outer::Delivery},
        {"QApplicationPrivate::notify_helper", Outer::Delivery}, {"QCoreApplication::notify", Outer::Delivery},
        {"QGuiApplication::notify", Outer::Delivery}, {"QApplication::notify", Outer::Delivery},
        {"QEventLoop::", Outer::Loop}, {"QCoreApplication::exec", Outer::Loop}, {"QGuiApplication::exec", Outer::Loop},
        {"QApplication::exec", Outer::Loop}, {"QEventDispatcher", Outer::Loop}, {"g_main_context_", Outer::Loop},
        {"__libc_start_main", Outer::Start}, {"__libc_start_call_main", Outer::Start}, {"_start", Outer::Start},
    };
    for (const auto &[prefix, outer] : prefixes) {
        if (name.compare(0, std::strlen(prefix), prefix) == 0)
            return outer;
    }
    return Outer::Unknown;
}

// A sanitizer's runtime delivers signals itself, from its own frames.
bool isRuntime(const char *file)
{
    const char *base = file ? std::strrchr(file, '/') : nullptr;
    base = base ? base + 1 : file;
    return base && (std::strncmp(base, "libtsan", 7) == 0 || std::strncmp(base, "libasan", 7) == 0);
}

const char *baseName(const char *path)
{
    const char *slash = path ? std::strrchr(path, '/') : nullptr;
    return slash ? slash + 1 : path && *path ? path : "program";
}

void *ourBase()
{
    Dl_info info;
    return dladdr(reinterpret_cast<void *>(&machinery), &info) ? info.dli_fbase : nullptr;
}

struct Named
{
    std::string function;
    bool named = false;
    const char *file = nullptr;
    void *base = nullptr;
};

Named name(uintptr_t pc)
{
    Named out;
    Dl_info info;
    void *entry = nullptr;
    if (!dladdr1(reinterpret_cast<void *>(pc), &info, &entry, RTLD_DL_SYMENT)) {
        char text[32];
        std::snprintf(text, sizeof text, "0x%llx", static_cast<unsigned long long>(pc));
        out.function = text;
        return out;
    }
    out.file = info.dli_fname;
    out.base = info.dli_fbase;
    // dladdr answers with the nearest exported symbol below: a hidden function after it would
    // take its name. Only a symbol whose extent covers the address names it.
    const auto *symbol = static_cast<const ElfW(Sym) *>(entry);
    const uintptr_t start = reinterpret_cast<uintptr_t>(info.dli_saddr);
    const bool covers = info.dli_sname && symbol && start <= pc && (symbol->st_size == 0 || pc < start + symbol->st_size);
    out.named = covers;
    if (covers) {
        int status = 0;
        char *demangled = abi::__cxa_demangle(info.dli_sname, nullptr, nullptr, &status);
        out.function = StackSymbols::withoutParameters(status == 0 && demangled ? demangled : info.dli_sname);
        std::free(demangled);
    } else {
        char text[32];
        std::snprintf(text, sizeof text, "+0x%llx", static_cast<unsigned long long>(pc - reinterpret_cast<uintptr_t>(info.dli_fbase)));
        out.function = std::string(baseName(info.dli_fname)) + text;
    }
    return out;
}
} // namespace

std::vector<StackSymbols::Frame> StackSymbols::frames(const StackSampler::Sample &sample, Outer *outer)
{
    if (outer)
        *outer = Outer::Unknown;
    std::vector<Frame> out;
    // Start at the interrupted instruction; without it (another architecture, a sanitizer's
    // deferred delivery) after the probe's, the runtime's and the trampoline's frames.
    int first = -1;
    for (int i = 0; i < sample.count && sample.interruptedPc; ++i) {
        if (sample.pcs[i] == sample.interruptedPc) {
            first = i;
            break;
        }
    }
    void *const ours = ourBase();
    const bool exactFirst = first >= 0;
    if (first < 0) {
        first = 0;
        bool runtime = false, trampoline = false;
        while (first < sample.count) {
            Dl_info info;
            if (!dladdr(reinterpret_cast<void *>(sample.pcs[first]), &info))
                break;
            const bool isTrampoline = info.dli_sname && std::strcmp(info.dli_sname, "__restore_rt") == 0;
            if (info.dli_fbase != ours && !isRuntime(info.dli_fname) && !isTrampoline)
                break;
            runtime = runtime || isRuntime(info.dli_fname);
            trampoline = trampoline || isTrampoline;
            ++first;
        }
        // The kernel's return path into the interrupted code, when libc does not name it.
        if (!runtime && !trampoline && first > 0)
            ++first;
    }
    // Past kMaxFrames only to find where the program's code ends (what holds it).
    for (int i = first; i < sample.count && (int(out.size()) < kMaxFrames || outer); ++i) {
        // Outer frames hold return addresses: the call is the byte before.
        const uintptr_t pc = i == first && exactFirst ? sample.pcs[i] : sample.pcs[i] - 1;
        Named n = name(pc);
        if (n.base == ours && ours)
            continue; // the probe's own (its event note) is not the program's
        if (const Outer found = machinery(n.function); found != Outer::Unknown) {
            if (outer)
                *outer = found;
            break;
        }
        if (int(out.size()) >= kMaxFrames)
            continue;
        if (n.function.size() > kMaxNameBytes) {
            size_t cut = kMaxNameBytes;
            while (cut > 0 && (static_cast<unsigned char>(n.function[cut]) & 0xc0) == 0x80)
                --cut; // not inside a UTF-8 sequence
            n.function.resize(cut);
            n.function += "\u2026";
        }
        const char *base = baseName(n.file);
        const bool inLibc = std::strncmp(base, "libc.so", 7) == 0 || std::strncmp(base, "linux-vdso", 10) == 0;
        out.push_back({std::move(n.function), inLibc, !n.named && std::strstr(base, ".so") != nullptr});
    }
    return out;
}

std::string StackSymbols::line(const std::vector<Frame> &frames, int count)
{
    std::string text;
    int shown = 0;
    for (size_t i = 0; i < frames.size() && shown < count; ++i) {
        // nanosleep calling clock_nanosleep: the program called nanosleep.
        if ((frames[i].inLibc && i + 1 < frames.size() && frames[i + 1].inLibc) || frames[i].unnamedInLibrary)
            continue;
        if (shown++)
            text += " \u2190 ";
        text += withoutTemplateArguments(frames[i].function);
    }
    return text;
}

std::string StackSymbols::withoutParameters(const std::string &name)
{
    // "ns::f<int>(char*) const" -> "ns::f<int>"; "X::operator()() const" -> "X::operator()";
    // "f(int) [clone .cold]" (a part GCC split off) -> "f".
    const size_t clone = name.rfind(" [clone ");
    if (clone != std::string::npos && clone > 0 && name.back() == ']')
        return withoutParameters(name.substr(0, clone));
    size_t end = name.size();
    while (end > 0 && name[end - 1] != ')') {
        if (name[end - 1] == '>' || name[end - 1] == ']' || name[end - 1] == '}')
            return name; // "[clone .cold]" and such: not a parameter list at the end
        --end;
    }
    if (end == 0)
        return name;
    int depth = 0;
    for (size_t i = end; i-- > 0;) {
        if (name[i] == ')')
            ++depth;
        else if (name[i] == '(' && --depth == 0)
            return i > 0 ? name.substr(0, i) : name;
    }
    return name;
}

std::string StackSymbols::withoutTemplateArguments(const std::string &name)
{
    std::string out;
    int depth = 0;
    for (size_t i = 0; i < name.size(); ++i) {
        const char c = name[i];
        // "operator<" and "operator<<" are names, not argument lists.
        if (c == '<' && !(i >= 8 && name.compare(i - 8, 8, "operator") == 0) && !(i >= 9 && name.compare(i - 9, 9, "operator<") == 0)) {
            ++depth;
            continue;
        }
        if (c == '>' && depth > 0) {
            --depth;
            continue;
        }
        if (depth == 0)
            out += c;
    }
    return out;
}
