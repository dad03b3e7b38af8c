#include "cli/failcondition.h"

#include "engine/runconfig.h"
#include "formats/runexport.h"
#include "stats/summary.h"

#include <QRegularExpression>

#include <cmath>

bool FailCondition::parse(const QString &text, FailCondition *out, QString *error)
{
    // The longer operators first, so ">=" is not read as ">" and "=16.7".
    static const QRegularExpression form(QStringLiteral("^\\s*([a-z0-9_]+)\\s*(>=|<=|>|<)\\s*(\\S+)\\s*$"));
    const QRegularExpressionMatch m = form.match(text);
    if (!m.hasMatch()) {
        *error = QStringLiteral("--fail-if needs FIELD>NUMBER (or >=, <, <=), e.g. p99_ms>16.7, not '%1'").arg(text);
        return false;
    }
    FailCondition c;
    c.text = text.simplified().remove(QLatin1Char(' '));
    c.field = m.captured(1);
    if (!fields().contains(c.field)) {
        *error = QStringLiteral("--fail-if: '%1' is not a number of the summary (use one of: %2)")
                     .arg(c.field, fields().join(QStringLiteral(", ")));
        return false;
    }
    const QString op = m.captured(2);
    c.op = op == QLatin1String(">=") ? Op::GreaterOrEqual
         : op == QLatin1String("<=") ? Op::LessOrEqual
         : op == QLatin1String("<")  ? Op::Less
                                     : Op::Greater;
    bool ok = false;
    c.value = m.captured(3).toDouble(&ok);
    if (!ok || !std::isfinite(c.value)) {
        *error = QStringLiteral("--fail-if %1: '%2' is not a number").arg(text, m.captured(3));
        return false;
    }
    *out = c;
    return true;
}

QStringList FailCondition::fields()
{
    static const QStringList names = [] {
        QStringList keys;
        const QJsonObject json = RunExport::summaryJson(Summary(), RunConfig());
        for (auto it = json.begin(); it != json.end(); ++it) {
            if (it.value().isDouble())
                keys << it.key();
        }
        keys.sort();
        return keys;
    }();
    return names;
}

bool FailCondition::holds(const QJsonObject &summary) const
{
    const double v = summary.value(field).toDouble();
    switch (op) {
    case Op::Greater:
        return v > value;
    case Op::GreaterOrEqual:
        return v >= value;
    case Op::Less:
        return v < value;
    case Op::LessOrEqual:
        return v <= value;
    }
    return false;
}

QString FailCondition::message(const QJsonObject &summary, const QString &prefix) const
{
    return QStringLiteral("%1--fail-if %2 holds: %3 is %4")
        .arg(prefix, text, field, QString::number(summary.value(field).toDouble(), 'g', 10));
}
