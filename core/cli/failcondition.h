#pragma once

#include <QJsonObject>
#include <QString>
#include <QStringList>

// One `--fail-if` condition, the CI gate: a numeric field of the summary JSON compared with
// a number, e.g. "p99_ms>16.7". When it holds after a run, the command exits 1.
struct FailCondition
{
    enum class Op { Greater, GreaterOrEqual, Less, LessOrEqual };

    QString text;  // as written, for the message
    QString field; // a numeric key of the summary JSON
    Op op = Op::Greater;
    double value = 0;

    // False, with *error naming what is wrong (and the fields a condition may name).
    static bool parse(const QString &text, FailCondition *out, QString *error);
    // The numeric fields of the summary JSON (RunExport::summaryJson), sorted.
    static QStringList fields();

    bool holds(const QJsonObject &summary) const;
    // "--fail-if p99_ms>16.7 holds: p99_ms is 23.4" (prefix: "pool: " for one mode of a comparison).
    QString message(const QJsonObject &summary, const QString &prefix = {}) const;
};
