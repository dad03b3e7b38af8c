#pragma once

#include <QCoreApplication>
#include <QString>

struct Summary;

// What a run showed, in a sentence or two computed from its figures (never canned):
// "Loop blocked: 12 stalls ≥ 50 ms, worst 201 ms." or "Loop responsive: p99 0.4 ms."
class Verdict
{
    Q_DECLARE_TR_FUNCTIONS(Verdict)

public:
    static QString describe(const Summary &summary);
    // One frame at 60 Hz: lag above it is visible stutter.
    static constexpr double kFrameMs = 16.7;
};
