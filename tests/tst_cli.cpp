#include <QDir>
#include <QFile>
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
                             QStringLiteral("4096"), QStringLiteral("--period"), QStringLiteral("200"),
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
    QTest::addColumn<QStringList>("arguments");
    QTest::addColumn<QString>("output"); // a file that must not appear
    const QString out = QDir::temp().filePath(QStringLiteral("looplab-bad-input-should-not-exist.json"));
    QFile::remove(out);
    auto row = [&out](const char *name, QStringList a) { QTest::newRow(name) << (a << QStringLiteral("--summary-json") << out) << out; };
    row("unknown mode", {QStringLiteral("run"), QStringLiteral("--mode"), QStringLiteral("turbo")});
    row("negative duration", {QStringLiteral("run"), QStringLiteral("--duration"), QStringLiteral("-1")});
    row("zero duration", {QStringLiteral("run"), QStringLiteral("--duration"), QStringLiteral("0")});
    row("bad interval", {QStringLiteral("run"), QStringLiteral("--interval"), QStringLiteral("x")});
    row("unknown option", {QStringLiteral("run"), QStringLiteral("--frobnicate")});
    row("unknown language", {QStringLiteral("--lang"), QStringLiteral("xx"), QStringLiteral("run")});
    QTest::newRow("unwritable json") << QStringList{QStringLiteral("run"), QStringLiteral("--duration"), QStringLiteral("0.2"),
                                                    QStringLiteral("--summary-json"), QStringLiteral("/nonexistent/s.json")}
                                     << QStringLiteral("/nonexistent/s.json");
    QTest::newRow("unwritable png") << QStringList{QStringLiteral("run"), QStringLiteral("--duration"), QStringLiteral("0.2"),
                                                   QStringLiteral("--export-png"), QStringLiteral("/nonexistent/x.png")}
                                    << QStringLiteral("/nonexistent/x.png");
    QTest::newRow("compare without modes") << QStringList{QStringLiteral("compare"), QStringLiteral("--work"), QStringLiteral("io")}
                                           << QString();
    QTest::newRow("compare one mode") << QStringList{QStringLiteral("compare"), QStringLiteral("--modes"), QStringLiteral("pool")}
                                      << QString();
    QTest::newRow("compare bad mode") << QStringList{QStringLiteral("compare"), QStringLiteral("--modes"), QStringLiteral("pool,warp")}
                                      << QString();
    QTest::newRow("export missing file") << QStringList{QStringLiteral("export"), QStringLiteral("/nonexistent/run.looplab.json"),
                                                        QStringLiteral("--export-png"), out}
                                         << out;
    QTest::newRow("unwritable trace") << QStringList{QStringLiteral("run"), QStringLiteral("--export-trace"), QStringLiteral("/nonexistent/t.json")}
                                      << QStringLiteral("/nonexistent/t.json");
    const QString scenario = QDir::temp().filePath(QStringLiteral("looplab-bad-scenario.json"));
    QFile file(scenario);
    if (file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        file.write(R"({"work":"cpu","interval":0})");
    file.close();
    row("bad scenario", {QStringLiteral("run"), QStringLiteral("--scenario"), scenario});
    row("empty scenario path", {QStringLiteral("run"), QStringLiteral("--scenario"), QString()});
    row("missing scenario", {QStringLiteral("run"), QStringLiteral("--scenario"), QStringLiteral("/nonexistent/s.json")});
    QTest::newRow("unwritable csv") << QStringList{QStringLiteral("run"), QStringLiteral("--export-csv"), QDir::tempPath()}
                                    << QString();
}

void tst_Cli::badInputExitsTwo()
{
    QFETCH(QStringList, arguments);
    QFETCH(QString, output);
    const Result r = run(arguments, 10000);
    QCOMPARE(r.exitCode, 2);
    QVERIFY(r.out.isEmpty());
    QCOMPARE(r.err.count('\n'), 1); // one clear line
    QVERIFY(r.err.startsWith("looplab: "));
    if (!output.isEmpty())
        QVERIFY(!QFile::exists(output));
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
