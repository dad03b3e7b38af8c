#include "sanitized.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QJsonArray>
#include <QSet>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

// End to end: the real looplab binary, as a user runs it.
class tst_Cli : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void ioInlineVersusPool();
    void cpuInlineVersusPool();
    void csvExport();
    void pngExport();
    void badInputExitsTwo_data();
    void badInputExitsTwo();
    void unknownLanguageExitsTwo();
    void commandLineStaysEnglish();
    void sigtermSavesPartialResults();
    void helpAndVersion();
    void saveOpenExportRoundTrip();
    void traceExport();
    void compareModes();

private:
    struct Result
    {
        int exitCode = -1;
        QByteArray out;
        QByteArray err;
    };
    Result run(const QStringList &arguments, int timeoutMs = 60000);
    QJsonObject runSummary(const QStringList &arguments);

    QString m_binary;
    QTemporaryDir m_dir;
};

void tst_Cli::initTestCase()
{
    m_binary = qEnvironmentVariable("LOOPLAB_BINARY");
    QVERIFY2(QFile::exists(m_binary), "LOOPLAB_BINARY must point at the looplab executable");
    QVERIFY(m_dir.isValid());
}

tst_Cli::Result tst_Cli::run(const QStringList &arguments, int timeoutMs)
{
    QProcess process;
    process.start(m_binary, arguments);
    Result r;
    if (!process.waitForFinished(timeoutMs))
        return r;
    r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    r.out = process.readAllStandardOutput();
    r.err = process.readAllStandardError();
    return r;
}

QJsonObject tst_Cli::runSummary(const QStringList &arguments)
{
    const QString path = m_dir.filePath(QStringLiteral("summary-%1.json").arg(qHash(arguments.join(QLatin1Char(' ')))));
    const Result r = run(QStringList{QStringLiteral("run")} + arguments + QStringList{QStringLiteral("--summary-json"), path});
    if (r.exitCode != 0) {
        qWarning("looplab failed (%d): %s", r.exitCode, r.err.constData());
        return {};
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QJsonDocument::fromJson(file.readAll()).object();
}

void tst_Cli::ioInlineVersusPool()
{
    const QStringList common{QStringLiteral("--work"), QStringLiteral("io"), QStringLiteral("--duration"), QStringLiteral("1.5")};
    const QJsonObject blocked = runSummary(common + QStringList{QStringLiteral("--mode"), QStringLiteral("inline")});
    const QJsonObject offloaded = runSummary(common + QStringList{QStringLiteral("--mode"), QStringLiteral("pool")});
    for (const char *key : {"work", "mode", "duration_s", "interval_ms", "ticks", "p50_ms", "p95_ms", "p99_ms", "max_ms",
                            "tasks", "task_ms_median", "queue_wait_ms_median", "long_tasks", "loop_busy_pct"}) {
        QVERIFY2(blocked.contains(QLatin1String(key)), key);
        QVERIFY2(offloaded.contains(QLatin1String(key)), key);
    }
    QCOMPARE(blocked.value(QStringLiteral("mode")).toString(), QStringLiteral("inline"));
    QCOMPARE(offloaded.value(QStringLiteral("work")).toString(), QStringLiteral("io"));
    QVERIFY(blocked.value(QStringLiteral("duration_s")).toDouble() >= 1.4);
    QVERIFY(offloaded.value(QStringLiteral("ticks")).toInt() >= 100);
    QVERIFY(offloaded.value(QStringLiteral("tasks")).toInt() >= 5);
    const double inlineP99 = blocked.value(QStringLiteral("p99_ms")).toDouble();
    const double poolP99 = offloaded.value(QStringLiteral("p99_ms")).toDouble();
    QVERIFY2(inlineP99 >= 150, qPrintable(QString::number(inlineP99)));
    QVERIFY2(poolP99 < 30, qPrintable(QString::number(poolP99)));
    QVERIFY(blocked.value(QStringLiteral("long_tasks")).toInt() >= 3);
    QCOMPARE(offloaded.value(QStringLiteral("long_tasks")).toInt(), 0);
    QVERIFY(blocked.value(QStringLiteral("loop_busy_pct")).toDouble() > 50);
    QCOMPARE(offloaded.value(QStringLiteral("loop_busy_pct")).toDouble(), 0.0);
    QVERIFY(offloaded.value(QStringLiteral("task_ms_median")).toDouble() >= 195);
}

void tst_Cli::cpuInlineVersusPool()
{
    const QStringList common{QStringLiteral("--work"), QStringLiteral("cpu"), QStringLiteral("--json-kb"),
                             QString::number(Sanitized::work(4096)), QStringLiteral("--period"), QStringLiteral("200"),
                             QStringLiteral("--duration"), QStringLiteral("1.5")};
    const QJsonObject blocked = runSummary(common + QStringList{QStringLiteral("--mode"), QStringLiteral("inline")});
    const QJsonObject offloaded = runSummary(common + QStringList{QStringLiteral("--mode"), QStringLiteral("pool")});
    QVERIFY(blocked.value(QStringLiteral("tasks")).toInt() >= 3);
    QVERIFY(offloaded.value(QStringLiteral("tasks")).toInt() >= 3);
    const double inlineMax = blocked.value(QStringLiteral("max_ms")).toDouble();
    const double poolP95 = offloaded.value(QStringLiteral("p95_ms")).toDouble();
    QVERIFY2(inlineMax >= 20, qPrintable(QString::number(inlineMax)));
    QVERIFY2(poolP95 * 3 < inlineMax, qPrintable(QStringLiteral("%1 vs %2").arg(poolP95).arg(inlineMax)));
}

void tst_Cli::csvExport()
{
    const QString path = m_dir.filePath(QStringLiteral("run.csv"));
    const Result r = run({QStringLiteral("run"), QStringLiteral("--mode"), QStringLiteral("pool"), QStringLiteral("--duration"),
                          QStringLiteral("0.5"), QStringLiteral("--io-ms"), QStringLiteral("50"), QStringLiteral("--export-csv"), path});
    QCOMPARE(r.exitCode, 0);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QList<QByteArray> lines = file.readAll().split('\n');
    QCOMPARE(lines.first(), QByteArray("record,id,t_ms,lateness_ms,kind,mode,lane,state,submit_ms,start_ms,run_ms,end_ms"));
    int ticks = 0, spans = 0;
    for (const QByteArray &line : lines) {
        if (line.startsWith("tick,"))
            ++ticks;
        if (line.startsWith("span,")) {
            ++spans;
            QCOMPARE(line.split(',').size(), 12);
            QVERIFY(line.contains(",io,pool,pool-"));
        }
    }
    QVERIFY(ticks >= 30);
    QVERIFY(spans >= 3);
}

void tst_Cli::pngExport()
{
    const QString path = m_dir.filePath(QStringLiteral("dash.png"));
    const Result r = run({QStringLiteral("run"), QStringLiteral("--duration"), QStringLiteral("1"), QStringLiteral("--export-png"),
                          path, QStringLiteral("--png-size"), QStringLiteral("1200x800")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QImage image(path);
    QVERIFY(!image.isNull());
    QCOMPARE(image.size(), QSize(1200, 800));
    QSet<QRgb> colours;
    for (int y = 0; y < image.height(); y += 7)
        for (int x = 0; x < image.width(); x += 7)
            colours.insert(image.pixel(x, y));
    QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
}

void tst_Cli::badInputExitsTwo_data()
{
    // One row per input in the README's "Bad input" table, in its order, with the message
    // it documents. Each runs in an empty folder; rows that could write a file ask for
    // outputs there, and the folder must stay as it was.
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("message");
    const QStringList outputs{QStringLiteral("--summary-json"), QStringLiteral("out.json"), QStringLiteral("--export-png"),
                              QStringLiteral("out.png")};
    auto row = [&outputs](const char *name, const QString &line, const char *message, bool withOutputs = true) {
        QStringList arguments = line.split(QLatin1Char(' '));
        if (withOutputs)
            arguments += outputs;
        QTest::newRow(name) << arguments << QString::fromUtf8(message);
    };
    row("--mode turbo", QStringLiteral("run --mode turbo"), "unknown mode 'turbo' (use one of: inline, pool, thread,");
    row("--lesson magic", QStringLiteral("run --lesson magic"), "unknown lesson 'magic' (use one of: blocking, pool,");
    row("lessons magic", QStringLiteral("lessons magic"), "unknown lesson 'magic' (use one of: blocking, pool,", false);
    row("--work disk", QStringLiteral("run --work disk"), "unknown work 'disk' (use io or cpu)");
    row("--duration -1", QStringLiteral("run --duration -1"), "--duration needs a positive number of seconds");
    row("--duration 0", QStringLiteral("run --duration 0"), "--duration needs a positive number of seconds");
    row("--duration soon", QStringLiteral("run --duration soon"), "--duration needs a positive number of seconds");
    row("--interval ten", QStringLiteral("run --interval ten"), "--interval needs a whole number, not 'ten'");
    row("--interval 0", QStringLiteral("run --interval 0"), "interval must be between 1 and 10000 ms");
    row("--workers 0", QStringLiteral("run --workers 0"), "workers must be between 1 and 256");
    row("--io-ms -5", QStringLiteral("run --io-ms -5"), "io-ms must be between 0 and 600000 ms");
    row("--json-kb 99999999", QStringLiteral("run --json-kb 99999999"), "json-kb must be between 1 and 65536 KB");
    row("--frobnicate", QStringLiteral("run --frobnicate"), "Unknown option 'frobnicate'.");
    row("--summary-json /no/such/dir", QStringLiteral("run --duration 0.2 --export-png out.png --summary-json /no/such/dir/x.json"),
        "cannot write /no/such/dir/x.json: folder /no/such/dir does not exist", false);
    row("--export-png /no/such/dir", QStringLiteral("run --duration 0.2 --summary-json out.json --export-png /no/such/dir/x.png"),
        "cannot write /no/such/dir/x.png: folder /no/such/dir does not exist", false);
    row("--export-trace /no/such/dir", QStringLiteral("run --duration 0.2 --export-trace /no/such/dir/t.json"),
        "cannot write /no/such/dir/t.json: folder /no/such/dir does not exist");
    row("--save-run /no/such/dir", QStringLiteral("run --duration 0.2 --save-run /no/such/dir/r.looplab.json"),
        "cannot write /no/such/dir/r.looplab.json: folder /no/such/dir does not exist");
    row("--export-csv /tmp", QStringLiteral("run --duration 0.2 --export-csv /tmp"), "cannot write /tmp: it is a directory");
    row("--png-size big", QStringLiteral("run --png-size big"), "--png-size needs WxH between 320x240 and 8192x8192");
    row("compare without --modes", QStringLiteral("compare --work io"), "compare needs --modes");
    row("compare one mode", QStringLiteral("compare --modes pool"), "compare needs at least two modes in --modes");
    row("compare unknown mode", QStringLiteral("compare --modes pool,warp"), "unknown mode 'warp' in --modes");
    row("export missing file", QStringLiteral("export /no/such/run.looplab.json"), "cannot read /no/such/run.looplab.json: no such file");
    row("export damaged", QStringLiteral("export damaged.looplab.json"), "damaged.looplab.json: damaged: the file is cut short or corrupt (");
    row("export foreign", QStringLiteral("export foreign.json"), "foreign.json: not a Loop Lab run file");
    row("--lang xx", QStringLiteral("--lang xx run"), "unknown language 'xx' for --lang (use one of: en, ru)");
    row("--scenario missing", QStringLiteral("run --scenario /no/such.json"), "cannot read /no/such.json: no such file");
    row("--scenario unknown key", QStringLiteral("run --scenario speed.json"), "scenario speed.json: unknown key \"speed\" (use: description, lesson, work,");
    row("--scenario not whole", QStringLiteral("run --scenario workers.json"), "scenario workers.json: \"workers\" needs a whole number");
    row("--scenario out of range", QStringLiteral("run --scenario interval.json"), "scenario interval.json: interval must be between 1 and 10000 ms");
    row("--scenario unknown work", QStringLiteral("run --scenario disk.json"), "scenario disk.json: unknown work 'disk' in \"work\" (use io or cpu)");
    QTest::newRow("--scenario \"\"") << QStringList{QStringLiteral("run"), QStringLiteral("--scenario"), QString()}
                                   << QStringLiteral("the scenario path is empty");
    row("--scenario not JSON", QStringLiteral("run --scenario cut.json"), "scenario cut.json: not JSON: ");
}

void tst_Cli::badInputExitsTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, message);
    QTemporaryDir folder;
    QVERIFY(folder.isValid());
    auto write = [&folder](const char *name, const QByteArray &data) {
        QFile file(folder.filePath(QLatin1String(name)));
        return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
    };
    QVERIFY(write("damaged.looplab.json", QByteArrayLiteral("{\"format\": \"looplab-run\", \"version\": 1, \"config\": {\"mo")));
    QVERIFY(write("foreign.json", QByteArrayLiteral("{\"traceEvents\": []}")));
    QVERIFY(write("speed.json", QByteArrayLiteral("{\"speed\": 1}")));
    QVERIFY(write("workers.json", QByteArrayLiteral("{\"workers\": \"4\"}")));
    QVERIFY(write("interval.json", QByteArrayLiteral("{\"interval\": 0}")));
    QVERIFY(write("disk.json", QByteArrayLiteral("{\"work\": \"disk\"}")));
    QVERIFY(write("cut.json", QByteArrayLiteral("{\"work\": \"cp")));
    const QStringList before = QDir(folder.path()).entryList(QDir::Files | QDir::Hidden);

    QProcess process;
    process.setWorkingDirectory(folder.path());
    process.start(m_binary, arguments);
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    const QByteArray err = process.readAllStandardError();
    QVERIFY2(process.exitCode() == 2, err.constData());
    QVERIFY(process.readAllStandardOutput().isEmpty());
    QCOMPARE(err.count('\n'), 1); // one clear line
    QVERIFY2(err.startsWith("looplab: ") && err.contains(message.toUtf8()), err.constData());
    // No file, not even a partial or temporary one.
    QCOMPARE(QDir(folder.path()).entryList(QDir::Files | QDir::Hidden), before);
    QVERIFY(!QFileInfo::exists(QStringLiteral("/no/such/dir")));
}

void tst_Cli::unknownLanguageExitsTwo()
{
    const Result r = run({QStringLiteral("--lang"), QStringLiteral("xx")}, 10000);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(r.err, QByteArray("looplab: unknown language 'xx' for --lang (use one of: en, ru)\n"));
}

// Scripts read the command line's output: --lang and a Russian locale change only the window.
void tst_Cli::commandLineStaysEnglish()
{
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("LANG"), QStringLiteral("ru_RU.UTF-8"));
    env.insert(QStringLiteral("LANGUAGE"), QStringLiteral("ru"));
    process.setProcessEnvironment(env);
    process.start(m_binary, {QStringLiteral("--lang"), QStringLiteral("ru"), QStringLiteral("lessons"), QStringLiteral("blocking")});
    QVERIFY(process.waitForFinished(10000));
    QCOMPARE(process.exitCode(), 0);
    const QString out = QString::fromUtf8(process.readAllStandardOutput());
    QVERIFY2(out.contains(QLatin1String("What happens")) && out.contains(QLatin1String("Blocking call on the loop")), qPrintable(out));

    const QString path = m_dir.filePath(QStringLiteral("english.json"));
    process.start(m_binary, {QStringLiteral("run"), QStringLiteral("--duration"), QStringLiteral("0.5"), QStringLiteral("--io-ms"),
                             QStringLiteral("60"), QStringLiteral("--period"), QStringLiteral("100"), QStringLiteral("--summary-json"), path});
    QVERIFY(process.waitForFinished(30000));
    QCOMPARE(process.exitCode(), 0);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QString verdict = QJsonDocument::fromJson(file.readAll()).object().value(QLatin1String("verdict")).toString();
    QVERIFY2(verdict.startsWith(QLatin1String("Loop ")), qPrintable(verdict));
    // English plural forms come from looplab_en.qm: never "1 stalls".
    QVERIFY2(!verdict.contains(QLatin1String(" 1 stalls")), qPrintable(verdict));
}

void tst_Cli::sigtermSavesPartialResults()
{
    const QString path = m_dir.filePath(QStringLiteral("partial.json"));
    QProcess process;
    process.start(m_binary, {QStringLiteral("run"), QStringLiteral("--mode"), QStringLiteral("pool"), QStringLiteral("--duration"),
                             QStringLiteral("60"), QStringLiteral("--io-ms"), QStringLiteral("3000"), QStringLiteral("--summary-json"), path});
    QVERIFY(process.waitForStarted());
    QTest::qWait(700);
    process.terminate(); // SIGTERM
    QVERIFY(process.waitForFinished(5000));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 0);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject summary = QJsonDocument::fromJson(file.readAll()).object();
    QVERIFY(summary.value(QStringLiteral("duration_s")).toDouble() < 10);
    QVERIFY(summary.value(QStringLiteral("ticks")).toInt() > 20);
    QVERIFY(summary.value(QStringLiteral("tasks_cancelled")).toInt() >= 1);
}

void tst_Cli::helpAndVersion()
{
    Result r = run({QStringLiteral("--version")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.startsWith("looplab "));
    r = run({QStringLiteral("run"), QStringLiteral("--help")});
    QCOMPARE(r.exitCode, 0);
    QVERIFY(r.out.contains("--summary-json"));
    QVERIFY(r.out.contains("--export-png"));
}

void tst_Cli::saveOpenExportRoundTrip()
{
    const QString saved = m_dir.filePath(QStringLiteral("round.looplab.json"));
    const QString first = m_dir.filePath(QStringLiteral("round-first.json"));
    const QString second = m_dir.filePath(QStringLiteral("round-second.json"));
    const QString png = m_dir.filePath(QStringLiteral("round.png"));
    Result r = run({QStringLiteral("run"), QStringLiteral("--mode"), QStringLiteral("inline"), QStringLiteral("--duration"),
                    QStringLiteral("1"), QStringLiteral("--save-run"), saved, QStringLiteral("--summary-json"), first});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    r = run({QStringLiteral("export"), saved, QStringLiteral("--summary-json"), second, QStringLiteral("--export-png"), png,
             QStringLiteral("--png-size"), QStringLiteral("800x600")});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QFile a(first), b(second);
    QVERIFY(a.open(QIODevice::ReadOnly) && b.open(QIODevice::ReadOnly));
    const QJsonObject before = QJsonDocument::fromJson(a.readAll()).object();
    const QJsonObject after = QJsonDocument::fromJson(b.readAll()).object();
    QVERIFY(before.contains(QStringLiteral("p99_corrected_ms")));
    QCOMPARE(after, before); // every figure identical after save and open
    QCOMPARE(QImage(png).size(), QSize(800, 600));

    // A damaged file: a clear message, exit 2, nothing written.
    const QString damaged = m_dir.filePath(QStringLiteral("damaged.looplab.json"));
    QFile in(saved), out(damaged);
    QVERIFY(in.open(QIODevice::ReadOnly) && out.open(QIODevice::WriteOnly));
    out.write(in.readAll().left(200));
    out.close();
    const QString notWritten = m_dir.filePath(QStringLiteral("never.json"));
    r = run({QStringLiteral("export"), damaged, QStringLiteral("--summary-json"), notWritten});
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.err.contains("damaged"));
    QVERIFY(!QFile::exists(notWritten));
}

void tst_Cli::traceExport()
{
    const QString path = m_dir.filePath(QStringLiteral("trace.json"));
    const Result r = run({QStringLiteral("run"), QStringLiteral("--mode"), QStringLiteral("pool"), QStringLiteral("--duration"),
                          QStringLiteral("0.5"), QStringLiteral("--io-ms"), QStringLiteral("50"), QStringLiteral("--export-trace"), path});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonArray events = QJsonDocument::fromJson(file.readAll()).object().value(QStringLiteral("traceEvents")).toArray();
    QSet<QString> phases;
    for (const QJsonValue &e : events)
        phases.insert(e.toObject().value(QStringLiteral("ph")).toString());
    for (const char *ph : {"M", "X", "b", "e", "C", "i"})
        QVERIFY2(phases.contains(QLatin1String(ph)), ph);
}

void tst_Cli::compareModes()
{
    const QString json = m_dir.filePath(QStringLiteral("compare.json"));
    const QString png = m_dir.filePath(QStringLiteral("compare.png"));
    const Result r = run({QStringLiteral("compare"), QStringLiteral("--work"), QStringLiteral("io"), QStringLiteral("--modes"),
                          QStringLiteral("inline,pool"), QStringLiteral("--duration"), QStringLiteral("1"),
                          QStringLiteral("--summary-json"), json, QStringLiteral("--export-png"), png});
    QVERIFY2(r.exitCode == 0, r.err.constData());
    QFile file(json);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QJsonObject summary = QJsonDocument::fromJson(file.readAll()).object();
    const QJsonArray runs = summary.value(QStringLiteral("runs")).toArray();
    QCOMPARE(runs.size(), 2);
    QCOMPARE(runs.at(0).toObject().value(QStringLiteral("mode")).toString(), QStringLiteral("inline"));
    QCOMPARE(runs.at(1).toObject().value(QStringLiteral("mode")).toString(), QStringLiteral("pool"));
    QVERIFY(runs.at(0).toObject().value(QStringLiteral("p99_ms")).toDouble()
            > 5 * runs.at(1).toObject().value(QStringLiteral("p99_ms")).toDouble());
    QVERIFY(runs.at(0).toObject().contains(QStringLiteral("p99_corrected_ms")));
    const QImage image(png);
    QCOMPARE(image.size(), QSize(1600, 1000));
}

QTEST_GUILESS_MAIN(tst_Cli)
#include "tst_cli.moc"
