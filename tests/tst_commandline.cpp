#include "cli/commandline.h"
#include "lessons/lessons.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

class tst_CommandLine : public QObject
{
    Q_OBJECT
private slots:
    void defaults();
    void fullRun();
    void badInput_data();
    void badInput();
    void helpAndVersion();
    void lessonPresetAndOverrides();
    void lessonsCommand();
    void everyModeParses();
    void everyParameter_data();
    void everyParameter();
    void taggedPaths();
    void failIf_data();
    void failIf();
    void scenarioLayers();
    void badScenario_data();
    void badScenario();
};

namespace {
QStringList args(const QString &line)
{
    return QStringList{QStringLiteral("looplab")} + line.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}
QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
        return {};
    return path;
}
} // namespace

void tst_CommandLine::defaults()
{
    CliRequest request;
    QString error;
    QVERIFY(CommandLine::parse(args({}), &request, &error));
    QCOMPARE(request.command, CliRequest::Command::Gui);

    QVERIFY(CommandLine::parse(args(QStringLiteral("run")), &request, &error));
    QCOMPARE(request.command, CliRequest::Command::Run);
    const RunConfig defaults;
    QCOMPARE(request.config.work, WorkKind::Io);
    QCOMPARE(request.config.mode, ExecMode::Inline);
    QCOMPARE(request.config.durationS, 5.0);
    QCOMPARE(request.config.intervalMs, 10);
    QCOMPARE(request.config.periodMs, 100);
    QCOMPARE(request.config.ioMs, 200);
    QCOMPARE(request.config.jsonKb, 2048);
    QCOMPARE(request.config.workers, defaults.workers);
    QCOMPARE(request.pngSize, QSize(1600, 1000));

    QVERIFY(CommandLine::parse(args(QStringLiteral("--lesson mutex")), &request, &error));
    QCOMPARE(request.command, CliRequest::Command::Gui);
    QCOMPARE(request.lesson, QStringLiteral("mutex"));
    QVERIFY(!CommandLine::parse(args(QStringLiteral("--lesson nope")), &request, &error));

    QVERIFY(CommandLine::parse(args(QStringLiteral("demo")), &request, &error));
    QCOMPARE(request.command, CliRequest::Command::Demo);
}

void tst_CommandLine::fullRun()
{
    QTemporaryDir dir;
    const QString json = dir.filePath(QStringLiteral("s.json"));
    CliRequest request;
    QString error;
    QVERIFY2(CommandLine::parse(args(QStringLiteral("run --work cpu --mode pool --duration 2.5 --interval 5 --period 50 "
                                                    "--io-ms 30 --json-kb 100 --workers 3 --png-size 800x600 "
                                                    "--summary-json ")
                                     + json),
                                &request, &error),
             qPrintable(error));
    QCOMPARE(request.config.work, WorkKind::Cpu);
    QCOMPARE(request.config.mode, ExecMode::Pool);
    QCOMPARE(request.config.durationS, 2.5);
    QCOMPARE(request.config.intervalMs, 5);
    QCOMPARE(request.config.periodMs, 50);
    QCOMPARE(request.config.ioMs, 30);
    QCOMPARE(request.config.jsonKb, 100);
    QCOMPARE(request.config.workers, 3);
    QCOMPARE(request.pngSize, QSize(800, 600));
    QCOMPARE(request.summaryJson, json);
}

void tst_CommandLine::badInput_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("expected"); // a word the message must contain
    QTest::newRow("unknown mode") << QStringLiteral("run --mode turbo") << QStringLiteral("unknown mode 'turbo'");
    QTest::newRow("unknown work") << QStringLiteral("run --work disk") << QStringLiteral("unknown work 'disk'");
    QTest::newRow("negative duration") << QStringLiteral("run --duration -3") << QStringLiteral("--duration");
    QTest::newRow("zero duration") << QStringLiteral("run --duration 0") << QStringLiteral("--duration");
    QTest::newRow("text duration") << QStringLiteral("run --duration soon") << QStringLiteral("--duration");
    QTest::newRow("zero interval") << QStringLiteral("run --interval 0") << QStringLiteral("interval");
    QTest::newRow("text interval") << QStringLiteral("run --interval ten") << QStringLiteral("--interval");
    QTest::newRow("negative io-ms") << QStringLiteral("run --io-ms -5") << QStringLiteral("io-ms");
    QTest::newRow("zero workers") << QStringLiteral("run --workers 0") << QStringLiteral("workers");
    QTest::newRow("huge json") << QStringLiteral("run --json-kb 99999999") << QStringLiteral("json-kb");
    QTest::newRow("missing value") << QStringLiteral("run --mode") << QStringLiteral("mode");
    QTest::newRow("unknown option") << QStringLiteral("run --colour blue") << QStringLiteral("colour");
    QTest::newRow("stray argument") << QStringLiteral("run now") << QStringLiteral("now");
    QTest::newRow("unknown command") << QStringLiteral("walk") << QStringLiteral("unknown command");
    QTest::newRow("missing folder") << QStringLiteral("run --summary-json /nonexistent/dir/s.json")
                                    << QStringLiteral("does not exist");
    QTest::newRow("directory as file") << QStringLiteral("run --export-csv /tmp") << QStringLiteral("directory");
    QTest::newRow("png size") << QStringLiteral("run --export-png /tmp/x.png --png-size big")
                              << QStringLiteral("--png-size");
    QTest::newRow("unknown lesson") << QStringLiteral("run --lesson magic") << QStringLiteral("unknown lesson 'magic'");
    QTest::newRow("unknown lesson text") << QStringLiteral("lessons magic") << QStringLiteral("unknown lesson 'magic'");
    QTest::newRow("zero switch") << QStringLiteral("run --mode gil --switch-ms 0") << QStringLiteral("switch-ms");
    QTest::newRow("zero queue") << QStringLiteral("run --mode queue --queue-cap 0") << QStringLiteral("queue-cap");
    QTest::newRow("png too small") << QStringLiteral("run --export-png /tmp/x.png --png-size 10x10")
                                   << QStringLiteral("--png-size");
}

void tst_CommandLine::badInput()
{
    QFETCH(QString, line);
    QFETCH(QString, expected);
    CliRequest request;
    QString error;
    QVERIFY(!CommandLine::parse(args(line), &request, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY(!error.contains(QLatin1Char('\n')));
}

void tst_CommandLine::helpAndVersion()
{
    CliRequest request;
    QString error;
    QVERIFY(CommandLine::parse(args(QStringLiteral("--version")), &request, &error));
    QCOMPARE(request.command, CliRequest::Command::PrintText);
    QVERIFY(request.text.startsWith(QStringLiteral("looplab ")));
    QVERIFY(CommandLine::parse(args(QStringLiteral("--help")), &request, &error));
    QVERIFY(request.text.contains(QStringLiteral("run")));
    QVERIFY(CommandLine::parse(args(QStringLiteral("run --help")), &request, &error));
    QCOMPARE(request.command, CliRequest::Command::PrintText);
    QVERIFY(request.text.contains(QStringLiteral("--summary-json")));
    QVERIFY(request.text.contains(QStringLiteral("Usage: looplab run")));
}

void tst_CommandLine::lessonPresetAndOverrides()
{
    CliRequest request;
    QString error;
    QVERIFY2(CommandLine::parse(args(QStringLiteral("run --lesson gil")), &request, &error), qPrintable(error));
    QCOMPARE(request.lesson, QStringLiteral("gil"));
    QCOMPARE(request.config.mode, ExecMode::Gil);
    QCOMPARE(request.config.work, WorkKind::Cpu);
    // Options given next to the lesson win over its preset.
    QVERIFY(CommandLine::parse(args(QStringLiteral("run --lesson gil --work io --duration 1 --switch-ms 20")), &request, &error));
    QCOMPARE(request.config.mode, ExecMode::Gil);
    QCOMPARE(request.config.work, WorkKind::Io);
    QCOMPARE(request.config.durationS, 1.0);
    QCOMPARE(request.config.switchMs, 20);
    QVERIFY(CommandLine::parse(args(QStringLiteral("run --lesson queue --queue-cap 8 --item-us 500")), &request, &error));
    QCOMPARE(request.config.mode, ExecMode::Queue);
    QCOMPARE(request.config.queueCapacity, 8);
    QCOMPARE(request.config.itemUs, 500);
}

void tst_CommandLine::lessonsCommand()
{
    CliRequest request;
    QString error;
    QVERIFY(CommandLine::parse(args(QStringLiteral("lessons")), &request, &error));
    QCOMPARE(request.command, CliRequest::Command::PrintText);
    for (const char *name : {"blocking", "pool", "bounded-pool", "thread", "process", "gil", "wait", "nested", "mutex",
                             "queue", "shutdown"})
        QVERIFY2(request.text.contains(QLatin1String(name)), name);
    QVERIFY(CommandLine::parse(args(QStringLiteral("lessons nested")), &request, &error));
    QVERIFY(request.text.contains(QStringLiteral("looplab run --lesson nested")));
    QVERIFY(request.text.contains(QStringLiteral("QEventLoop")));
}

void tst_CommandLine::everyModeParses()
{
    for (ExecMode mode : Kinds::allModes()) {
        CliRequest request;
        QString error;
        QVERIFY2(CommandLine::parse(args(QStringLiteral("run --mode ") + Kinds::name(mode)), &request, &error),
                 qPrintable(error));
        QCOMPARE(request.config.mode, mode);
    }
}

void tst_CommandLine::everyParameter_data()
{
    QTest::addColumn<int>("index");
    for (int i = 0; i < RunParameter::all().size(); ++i)
        QTest::newRow(RunParameter::all().at(i).option) << i;
}

// Each row of the one parameter table is an option, a scenario key (unless it is not part
// of a run), and refused out of range with a sentence that names it.
void tst_CommandLine::everyParameter()
{
    QFETCH(int, index);
    const RunParameter &p = RunParameter::all().at(index);
    const QString option = QLatin1String(p.option);
    const RunConfig defaults;
    const int value = defaults.*p.field == p.max ? p.min : p.max; // in range, and not the default
    CliRequest request;
    QString error;
    QVERIFY2(CommandLine::parse(args(QStringLiteral("run --%1 %2").arg(option).arg(value)), &request, &error),
             qPrintable(error));
    QCOMPARE(request.config.*p.field, value);

    request = {};
    QVERIFY(!CommandLine::parse(args(QStringLiteral("run --%1 %2").arg(option).arg(qint64(p.max) + 1)), &request, &error));
    QVERIFY2(error.startsWith(option + QStringLiteral(" must be between ") + QString::number(p.min)), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral(" and %1").arg(p.max)), qPrintable(error));

    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("s.json"), QStringLiteral("{\"%1\":%2}").arg(option).arg(value).toUtf8());
    request = {};
    const bool parsed = CommandLine::parse(args(QStringLiteral("run --scenario ") + path), &request, &error);
    if (p.perRun) {
        QVERIFY2(parsed, qPrintable(error));
        QCOMPARE(request.config.*p.field, value);
    } else {
        QVERIFY(!parsed);
        QVERIFY2(error.contains(QStringLiteral("unknown key")), qPrintable(error));
    }
}

// compare's per-mode files and listen's per-program files: the tag goes before the
// extension, and a run file keeps its double extension.
void tst_CommandLine::taggedPaths()
{
    QCOMPARE(CliRequest::perModePath(QStringLiteral("out/trace.json"), ExecMode::Pool), QStringLiteral("out/trace-pool.json"));
    QCOMPARE(CliRequest::taggedPath(QStringLiteral("run.looplab.json"), QStringLiteral("1234")),
             QStringLiteral("run-1234.looplab.json"));
    QCOMPARE(CliRequest::taggedPath(QStringLiteral("dir.d/summary"), QStringLiteral("7")), QStringLiteral("dir.d/summary-7"));
    QCOMPARE(CliRequest::taggedPath(QStringLiteral(".hidden"), QStringLiteral("7")), QStringLiteral(".hidden-7"));
}

void tst_CommandLine::failIf_data()
{
    QTest::addColumn<QString>("text");
    QTest::addColumn<QString>("error"); // empty: accepted
    QTest::addColumn<double>("measured");
    QTest::addColumn<bool>("holds");
    QTest::newRow("greater") << QStringLiteral("p99_ms>16.7") << QString() << 16.8 << true;
    QTest::newRow("greater, equal") << QStringLiteral("p99_ms>16.7") << QString() << 16.7 << false;
    QTest::newRow("at least") << QStringLiteral("p99_ms>=16.7") << QString() << 16.7 << true;
    QTest::newRow("less") << QStringLiteral("p99_ms<1") << QString() << 0.5 << true;
    QTest::newRow("at most") << QStringLiteral("p99_ms <= 1") << QString() << 1.5 << false;
    QTest::newRow("unknown field") << QStringLiteral("p99>1") << QStringLiteral("'p99' is not a number of the summary") << 0.0 << false;
    QTest::newRow("text field") << QStringLiteral("verdict>1") << QStringLiteral("'verdict' is not a number") << 0.0 << false;
    QTest::newRow("no operator") << QStringLiteral("p99_ms") << QStringLiteral("needs FIELD>NUMBER") << 0.0 << false;
    QTest::newRow("equals") << QStringLiteral("p99_ms=1") << QStringLiteral("needs FIELD>NUMBER") << 0.0 << false;
    QTest::newRow("not a number") << QStringLiteral("p99_ms>fast") << QStringLiteral("'fast' is not a number") << 0.0 << false;
    QTest::newRow("infinite") << QStringLiteral("p99_ms>inf") << QStringLiteral("is not a number") << 0.0 << false;
}

void tst_CommandLine::failIf()
{
    QFETCH(QString, text);
    QFETCH(QString, error);
    QFETCH(double, measured);
    QFETCH(bool, holds);
    CliRequest request;
    QString why;
    const bool parsed = CommandLine::parse(QStringList{QStringLiteral("looplab"), QStringLiteral("run"),
                                                       QStringLiteral("--fail-if"), text},
                                           &request, &why);
    if (!error.isEmpty()) {
        QVERIFY(!parsed);
        QVERIFY2(why.contains(error), qPrintable(why));
        return;
    }
    QVERIFY2(parsed, qPrintable(why));
    QCOMPARE(request.failIf.size(), 1);
    const FailCondition &c = request.failIf.constFirst();
    QCOMPARE(c.field, QStringLiteral("p99_ms"));
    const QJsonObject summary{{QStringLiteral("p99_ms"), measured}};
    QCOMPARE(c.holds(summary), holds);
    QVERIFY(c.message(summary).startsWith(QStringLiteral("--fail-if p99_ms")));
}

void tst_CommandLine::scenarioLayers()
{
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("s.json"),
                                   R"({"lesson":"queue","work":"cpu","queue-cap":4,"interval":5,"duration":1})");
    const RunConfig queue = Lessons::find(QStringLiteral("queue"))->preset;
    CliRequest request;
    QString error;
    QVERIFY2(CommandLine::parse(args(QStringLiteral("run --scenario ") + path), &request, &error), qPrintable(error));
    QCOMPARE(request.lesson, QStringLiteral("queue"));
    QCOMPARE(request.config.mode, queue.mode);
    QCOMPARE(request.config.itemUs, queue.itemUs);
    QCOMPARE(request.config.work, WorkKind::Cpu);
    QCOMPARE(request.config.queueCapacity, 4);
    QCOMPARE(request.config.intervalMs, 5);
    QCOMPARE(request.config.durationS, 1.0);

    // Options given on the command line override the file.
    request = {};
    QVERIFY2(CommandLine::parse(args(QStringLiteral("run --interval 20 --mode pool --scenario ") + path), &request, &error),
             qPrintable(error));
    QCOMPARE(request.config.intervalMs, 20);
    QCOMPARE(request.config.mode, ExecMode::Pool);
    QCOMPARE(request.config.queueCapacity, 4);

    // --lesson replaces the file's lesson; the file's parameters still apply over its preset.
    request = {};
    QVERIFY2(CommandLine::parse(args(QStringLiteral("run --lesson gil --scenario ") + path), &request, &error),
             qPrintable(error));
    QCOMPARE(request.lesson, QStringLiteral("gil"));
    QCOMPARE(request.config.mode, ExecMode::Gil);
    QCOMPARE(request.config.queueCapacity, 4);

    request = {};
    QVERIFY2(CommandLine::parse(args(QStringLiteral("compare --modes inline,pool --scenario ") + path), &request, &error),
             qPrintable(error));
    QCOMPARE(request.command, CliRequest::Command::Compare);
    QCOMPARE(request.config.durationS, 1.0);
}

void tst_CommandLine::badScenario_data()
{
    QTest::addColumn<QByteArray>("content");
    QTest::addColumn<QString>("extra");
    QTest::addColumn<QString>("expected");
    QTest::newRow("out of range") << QByteArray(R"({"interval":0})") << QString() << QStringLiteral(": interval must be");
    // The file is judged on its own, even where an option would override the bad value.
    QTest::newRow("overridden") << QByteArray(R"({"interval":0})") << QStringLiteral("--interval 5")
                                << QStringLiteral(": interval must be");
    QTest::newRow("unknown key") << QByteArray(R"({"speed":"fast"})") << QString() << QStringLiteral("unknown key \"speed\"");
    QTest::newRow("wrong type") << QByteArray(R"({"workers":"4"})") << QString() << QStringLiteral("\"workers\" needs a whole number");
    QTest::newRow("not json") << QByteArray("workers: 4") << QString() << QStringLiteral("not JSON");
    QTest::newRow("bad option beside it") << QByteArray("{}") << QStringLiteral("--workers 0") << QStringLiteral("workers must be");
}

void tst_CommandLine::badScenario()
{
    QFETCH(QByteArray, content);
    QFETCH(QString, extra);
    QFETCH(QString, expected);
    QTemporaryDir dir;
    const QString path = writeFile(dir, QStringLiteral("s.json"), content);
    CliRequest request;
    QString error;
    QVERIFY(!CommandLine::parse(args(QStringLiteral("run --scenario ") + path + QLatin1Char(' ') + extra), &request, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY(!error.contains(QLatin1Char('\n')));

    QVERIFY(!CommandLine::parse(args(QStringLiteral("run --scenario /no/such/s.json")), &request, &error));
    QCOMPARE(error, QStringLiteral("cannot read /no/such/s.json: no such file"));
}

QTEST_GUILESS_MAIN(tst_CommandLine)
#include "tst_commandline.moc"
