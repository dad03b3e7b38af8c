#pragma once

#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

// Results collected while the benchmarks run, printed as one markdown table at the end.
struct BenchRow
{
    std::string target;
    std::string measured;
    std::string result; // PASS, MISS or "info"
    std::string note;
};

inline std::vector<BenchRow> &benchRows()
{
    static std::vector<BenchRow> rows;
    return rows;
}

inline std::string fmt(const char *format, double value)
{
    char buf[256];
    std::snprintf(buf, sizeof buf, format, value);
    return buf;
}

inline void addRow(const std::string &target, const std::string &measured, bool pass, const std::string &note = {})
{
    benchRows().push_back({target, measured, pass ? "PASS" : "MISS", note});
}

inline void addInfo(const std::string &what, const std::string &measured, const std::string &note = {})
{
    benchRows().push_back({what, measured, "info", note});
}

inline double median(std::vector<double> v)
{
    if (v.empty())
        return 0;
    std::sort(v.begin(), v.end());
    const size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

inline void printTable(const char *title)
{
    std::printf("\n### %s\n\n", title);
    std::printf("| Target | Measured | Result | Notes |\n|---|---|---|---|\n");
    for (const BenchRow &r : benchRows())
        std::printf("| %s | %s | %s | %s |\n", r.target.c_str(), r.measured.c_str(), r.result.c_str(),
                    r.note.c_str());
    std::printf("\n");
    std::fflush(stdout);
}
