#include "cli/scenariofile.h"

#include "formats/inputfile.h"
#include "lessons/lessons.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

#include <climits>
#include <cmath>

namespace {
bool fail(QString *error, const QString &message)
{
    if (error)
        *error = message;
    return false;
}

QString quotedKey(const QString &key)
{
    return QLatin1Char('"') + key + QLatin1Char('"');
}

// An optional text value: false, with *error set, when it is there but not text.
bool optionalText(const QJsonObject &object, const char *key, QString *out, QString *error)
{
    const QJsonValue value = object.value(QLatin1String(key));
    if (value.isUndefined())
        return true;
    if (!value.isString())
        return fail(error, quotedKey(QLatin1String(key)) + QStringLiteral(" must be text"));
    *out = value.toString();
    return true;
}
} // namespace

void Scenario::applyTo(RunConfig *target) const
{
    for (const QString &key : keys) {
        if (key == QLatin1String("work"))
            target->work = config.work;
        else if (key == QLatin1String("mode"))
            target->mode = config.mode;
        else if (key == QLatin1String("duration"))
            target->durationS = config.durationS;
        for (const RunParameter &p : RunParameter::all()) {
            if (p.perRun && key == QLatin1String(p.option))
                target->*p.field = config.*p.field;
        }
    }
}

QStringList ScenarioFile::keys()
{
    QStringList names{QStringLiteral("description"), QStringLiteral("lesson"), QStringLiteral("work"),
                      QStringLiteral("mode"), QStringLiteral("duration")};
    for (const RunParameter &p : RunParameter::all()) {
        if (p.perRun)
            names << QLatin1String(p.option);
    }
    return names;
}

bool ScenarioFile::parse(const QByteArray &data, Scenario *out, QString *error)
{
    if (data.size() > kMaxBytes)
        return fail(error, QStringLiteral("too large for a scenario file (over %1 KB)").arg(kMaxBytes / 1024));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(data, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return fail(error, QStringLiteral("not JSON: %1 at byte %2")
                               .arg(parseError.errorString(), QString::number(parseError.offset)));
    if (!document.isObject())
        return fail(error, QStringLiteral("a scenario is one JSON object, e.g. {\"work\": \"cpu\", \"mode\": \"pool\"}"));
    const QJsonObject object = document.object();
    const QStringList known = keys();
    for (auto it = object.begin(); it != object.end(); ++it) {
        if (!known.contains(it.key()))
            return fail(error, QStringLiteral("unknown key %1 (use: %2)")
                                   .arg(quotedKey(it.key()), known.join(QStringLiteral(", "))));
    }

    Scenario scenario;
    QString description, work, mode;
    if (!optionalText(object, "description", &description, error) || !optionalText(object, "lesson", &scenario.lesson, error)
        || !optionalText(object, "work", &work, error) || !optionalText(object, "mode", &mode, error))
        return false;
    if (object.contains(QLatin1String("lesson"))) {
        const Lesson *lesson = Lessons::find(scenario.lesson);
        if (!lesson)
            return fail(error, QStringLiteral("unknown lesson '%1' in \"lesson\" (use one of: %2)")
                                   .arg(scenario.lesson, Lessons::names().join(QStringLiteral(", "))));
        scenario.config = lesson->preset;
    }
    if (object.contains(QLatin1String("work"))) {
        if (!Kinds::parse(work, &scenario.config.work))
            return fail(error, QStringLiteral("unknown work '%1' in \"work\" (use io or cpu)").arg(work));
        scenario.keys << QStringLiteral("work");
    }
    if (object.contains(QLatin1String("mode"))) {
        if (!Kinds::parse(mode, &scenario.config.mode))
            return fail(error, QStringLiteral("unknown mode '%1' in \"mode\" (use one of: %2)")
                                   .arg(mode, Kinds::modeNames().join(QStringLiteral(", "))));
        scenario.keys << QStringLiteral("mode");
    }
    if (object.contains(QLatin1String("duration"))) {
        const QJsonValue value = object.value(QLatin1String("duration"));
        // A headless run needs an end, as --duration does.
        if (!value.isDouble() || !(value.toDouble() > 0))
            return fail(error, QStringLiteral("\"duration\" needs a positive number of seconds"));
        scenario.config.durationS = value.toDouble();
        scenario.keys << QStringLiteral("duration");
    }
    for (const RunParameter &p : RunParameter::all()) {
        const QString key = QLatin1String(p.option);
        if (!p.perRun || !object.contains(key))
            continue;
        const QJsonValue value = object.value(key);
        const double number = value.toDouble();
        if (!value.isDouble() || std::trunc(number) != number)
            return fail(error, quotedKey(key) + QStringLiteral(" needs a whole number"));
        // Clamped so that validate() below names the range instead of an overflow.
        scenario.config.*p.field = int(qBound(double(INT_MIN), number, double(INT_MAX)));
        scenario.keys << key;
    }
    const QString invalid = scenario.config.validate();
    if (!invalid.isEmpty())
        return fail(error, invalid);
    *out = scenario;
    return true;
}

bool ScenarioFile::read(const QString &path, Scenario *out, QString *error)
{
    // QFile would warn on stderr about an empty name, beside our one line.
    if (path.isEmpty())
        return fail(error, QStringLiteral("the scenario path is empty"));
    QByteArray data;
    QString why;
    if (!InputFile::read(path, kMaxBytes, &data, &why))
        return fail(error, why);
    if (!parse(data, out, &why))
        return fail(error, QStringLiteral("scenario %1: %2").arg(path, why));
    return true;
}
