#pragma once

#include <QByteArray>

// The one JSON string writer of every format Loop Lab writes by hand (run file, trace,
// later the stream): quotes, backslashes and control characters are escaped, other UTF-8
// bytes pass through. Out is anything with append(char) and append(const char *, qsizetype),
// QByteArray or the trace's faster Writer.
template <typename Out>
void appendJsonString(Out &out, const QByteArray &utf8)
{
    static constexpr char kHex[] = "0123456789abcdef";
    out.append('"');
    for (const char c : utf8) {
        const auto u = uchar(c);
        if (c == '"' || c == '\\') {
            const char escaped[2] = {'\\', c};
            out.append(escaped, 2);
        } else if (u < 0x20) {
            const char escaped[6] = {'\\', 'u', '0', '0', kHex[u >> 4], kHex[u & 0xf]};
            out.append(escaped, 6);
        } else {
            out.append(c);
        }
    }
    out.append('"');
}
