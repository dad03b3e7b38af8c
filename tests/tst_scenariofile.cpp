#include "lessons/lessons.h"
#include "cli/scenariofile.h"

#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

class tst_ScenarioFile : public QObject
{
    Q_OBJECT
private slots:
    void good_data();
    void good();
    void bad_data();
    void bad();
    void applyToCopiesOnlyTheKeysSet();
    void read();
    void exampleInDocs();
};

void tst_ScenarioFile::good_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("lesson");
    QTest::addColumn<int>("work");
    QTest::addColumn<int>("mode");
    QTest::addColumn<double>("duration");
    QTest::addColumn<int>("interval");
    QTest::addColumn<int>("jsonKb");
    QTest::addColumn<QStringList>("keys");
    const RunConfig d;
    const RunConfig gil = Lessons::find(QStringLiteral("gil"))->preset;
    QTest::newRow("empty") << QByteArray("{}") << QString() << int(d.work) << int(d.mode) << d.durationS
                           << d.intervalMs << d.jsonKb << QStringList();
    QTest::newRow("some keys") << QByteArray(R"({"work":"cpu","mode":"pool","duration":2.5,"interval":5,"json-kb":64})")
                               << QString() << int(WorkKind::Cpu) << int(ExecMode::Pool) << 2.5 << 5 << 64
                               << QStringList{QStringLiteral("work"), QStringLiteral("mode"), QStringLiteral("duration"),
                                              QStringLiteral("interval"), QStringLiteral("json-kb")};
    QTest::newRow("lesson preset") << QByteArray(R"({"lesson":"gil","description":"why"})") << QStringLiteral("gil")
                                   << int(gil.work) << int(gil.mode) << gil.durationS << gil.intervalMs << gil.jsonKb
                                   << QStringList();
    QTest::newRow("lesson and override") << QByteArray(R"({"lesson":"gil","json-kb":8})") << QStringLiteral("gil")
                                         << int(gil.work) << int(gil.mode) << gil.durationS << gil.intervalMs << 8
                                         << QStringList{QStringLiteral("json-kb")};
    QTest::newRow("whole number as 5.0") << QByteArray(R"({"interval":5.0})") << QString() << int(d.work) << int(d.mode)
                                         << d.durationS << 5 << d.jsonKb << QStringList{QStringLiteral("interval")};
    QTest::newRow("limits") << QByteArray(R"({"interval":10000,"json-kb":65536,"duration":86400})") << QString()
                            << int(d.work) << int(d.mode) << 86400.0 << 10000 << 65536
                            << QStringList{QStringLiteral("duration"), QStringLiteral("interval"), QStringLiteral("json-kb")};
}

void tst_ScenarioFile::good()
{
    QFETCH(QByteArray, json);
    Scenario scenario;
    QString error;
    QVERIFY2(ScenarioFile::parse(json, &scenario, &error), qPrintable(error));
    QTEST(scenario.lesson, "lesson");
    QTEST(int(scenario.config.work), "work");
    QTEST(int(scenario.config.mode), "mode");
    QTEST(scenario.config.durationS, "duration");
    QTEST(scenario.config.intervalMs, "interval");
    QTEST(scenario.config.jsonKb, "jsonKb");
    QFETCH(QStringList, keys);
    QStringList got = scenario.keys;
    got.sort();
    keys.sort();
    QCOMPARE(got, keys);
}

void tst_ScenarioFile::bad_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("expected"); // words the message must contain
    QTest::newRow("not json") << QByteArray("work = cpu") << QStringLiteral("not JSON");
    QTest::newRow("cut short") << QByteArray(R"({"work":"cpu",)") << QStringLiteral("not JSON");
    QTest::newRow("empty file") << QByteArray() << QStringLiteral("not JSON");
    QTest::newRow("array") << QByteArray("[1,2]") << QStringLiteral("one JSON object");
    QTest::newRow("unknown key") << QByteArray(R"({"colour":"blue"})") << QStringLiteral("unknown key \"colour\"");
    QTest::newRow("option spelling") << QByteArray(R"({"--work":"cpu"})") << QStringLiteral("unknown key \"--work\"");
    QTest::newRow("unknown work") << QByteArray(R"({"work":"disk"})") << QStringLiteral("unknown work 'disk' in \"work\"");
    QTest::newRow("unknown mode") << QByteArray(R"({"mode":"turbo"})") << QStringLiteral("unknown mode 'turbo' in \"mode\"");
    QTest::newRow("unknown lesson") << QByteArray(R"({"lesson":"magic"})") << QStringLiteral("unknown lesson 'magic'");
    QTest::newRow("work not text") << QByteArray(R"({"work":1})") << QStringLiteral("\"work\" must be text");
    QTest::newRow("lesson not text") << QByteArray(R"({"lesson":null})") << QStringLiteral("\"lesson\" must be text");
    QTest::newRow("description not text") << QByteArray(R"({"description":[]})") << QStringLiteral("\"description\" must be text");
    QTest::newRow("interval as text") << QByteArray(R"({"interval":"10"})") << QStringLiteral("\"interval\" needs a whole number");
    QTest::newRow("fraction") << QByteArray(R"({"io-ms":2.5})") << QStringLiteral("\"io-ms\" needs a whole number");
    QTest::newRow("bool") << QByteArray(R"({"workers":true})") << QStringLiteral("\"workers\" needs a whole number");
    QTest::newRow("zero interval") << QByteArray(R"({"interval":0})") << QStringLiteral("interval must be between 1 and 10000");
    QTest::newRow("negative io") << QByteArray(R"({"io-ms":-5})") << QStringLiteral("io-ms must be between");
    QTest::newRow("huge json") << QByteArray(R"({"json-kb":99999999})") << QStringLiteral("json-kb must be between");
    QTest::newRow("beyond int") << QByteArray(R"({"workers":1e300})") << QStringLiteral("workers must be between");
    QTest::newRow("below int") << QByteArray(R"({"queue-cap":-1e300})") << QStringLiteral("queue-cap must be between");
    QTest::newRow("zero duration") << QByteArray(R"({"duration":0})") << QStringLiteral("\"duration\" needs a positive");
    QTest::newRow("text duration") << QByteArray(R"({"duration":"5"})") << QStringLiteral("\"duration\" needs a positive");
    QTest::newRow("long duration") << QByteArray(R"({"duration":1e9})") << QStringLiteral("duration must be between");
    QTest::newRow("too large") << QByteArray(R"({"description":")") + QByteArray(ScenarioFile::kMaxBytes, 'x') + "\"}"
                               << QStringLiteral("too large");
}

void tst_ScenarioFile::bad()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, expected);
    Scenario scenario;
    scenario.lesson = QStringLiteral("untouched");
    QString error;
    QVERIFY(!ScenarioFile::parse(json, &scenario, &error));
    QVERIFY2(error.contains(expected), qPrintable(error));
    QVERIFY(!error.contains(QLatin1Char('\n')));
    QCOMPARE(scenario.lesson, QStringLiteral("untouched"));
}

void tst_ScenarioFile::applyToCopiesOnlyTheKeysSet()
{
    Scenario scenario;
    QString error;
    QVERIFY(ScenarioFile::parse(R"({"lesson":"queue","item-us":300,"mode":"pool"})", &scenario, &error));
    RunConfig target;
    target.intervalMs = 7;
    target.queueCapacity = 3;
    scenario.applyTo(&target);
    QCOMPARE(target.itemUs, 300);
    QCOMPARE(target.mode, ExecMode::Pool);
    // The lesson's preset is not a key the file set.
    QCOMPARE(target.intervalMs, 7);
    QCOMPARE(target.queueCapacity, 3);
}

void tst_ScenarioFile::read()
{
    Scenario scenario;
    QString error;
    QVERIFY(!ScenarioFile::read(QStringLiteral("/no/such/scenario.json"), &scenario, &error));
    QCOMPARE(error, QStringLiteral("cannot read /no/such/scenario.json: no such file"));

    // Found by fuzz_commandline: QFile warned about the empty name on stderr.
    QVERIFY(!ScenarioFile::read(QString(), &scenario, &error));
    QCOMPARE(error, QStringLiteral("the scenario path is empty"));

    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("s.json"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(R"({"interval":0})");
    file.close();
    QVERIFY(!ScenarioFile::read(path, &scenario, &error));
    QVERIFY2(error.startsWith(QStringLiteral("scenario ") + path + QStringLiteral(": interval must be")), qPrintable(error));

    // A device never ends and a FIFO may never be written: neither is read at all.
    QVERIFY(!ScenarioFile::read(QStringLiteral("/dev/zero"), &scenario, &error));
    QCOMPARE(error, QStringLiteral("cannot read /dev/zero: it is a device, not a file"));
    const QString fifo = dir.filePath(QStringLiteral("fifo"));
    QCOMPARE(::mkfifo(QFile::encodeName(fifo).constData(), 0600), 0);
    QVERIFY(!ScenarioFile::read(fifo, &scenario, &error));
    QCOMPARE(error, QStringLiteral("cannot read %1: it is a named pipe, not a file").arg(fifo));
    QVERIFY(!ScenarioFile::read(dir.path(), &scenario, &error));
    QCOMPARE(error, QStringLiteral("cannot read %1: it is a directory").arg(dir.path()));

    // A file over the limit is refused by its size, before it is read.
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QByteArray(ScenarioFile::kMaxBytes + 1, ' '));
    file.close();
    QVERIFY(!ScenarioFile::read(path, &scenario, &error));
    QCOMPARE(error, QStringLiteral("cannot read %1: it is larger than 64 KB").arg(path));
}

void tst_ScenarioFile::exampleInDocs()
{
    Scenario scenario;
    QString error;
    QVERIFY2(ScenarioFile::read(QStringLiteral(LOOPLAB_SOURCE_DIR "/docs/scenario-gil.json"), &scenario, &error),
             qPrintable(error));
    QCOMPARE(scenario.lesson, QStringLiteral("gil"));
    QCOMPARE(scenario.config.workers, 2);
}

QTEST_GUILESS_MAIN(tst_ScenarioFile)
#include "tst_scenariofile.moc"
