#include "engine/monotonicclock.h"
#include "engine/workload.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <thread>

class tst_Workload : public QObject
{
    Q_OBJECT
private slots:
    void countKeys_data();
    void countKeys();
    void generatedJsonIsDeterministicAndSized();
    void generatedJsonKeyCount();
    void brokenJsonFails();
    void blockingIoSleeps();
    void blockingIoStopsOnCancel();
    void walkStopsOnCancel();
};

void tst_Workload::countKeys_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<qint64>("keys");
    QTest::newRow("empty object") << QByteArray("{}") << qint64(0);
    QTest::newRow("empty array") << QByteArray("[]") << qint64(0);
    QTest::newRow("flat") << QByteArray(R"({"a":1,"b":2,"c":3})") << qint64(3);
    QTest::newRow("nested") << QByteArray(R"({"a":1,"b":{"c":[{"d":1},{"e":2,"f":3}]}})") << qint64(6);
    QTest::newRow("array of objects") << QByteArray(R"([{"x":1},{"x":2},[{"y":{"z":null}}]])") << qint64(4);
    QTest::newRow("scalars in arrays") << QByteArray(R"({"list":[1,2,3,"four",true,null]})") << qint64(1);
}

void tst_Workload::countKeys()
{
    QFETCH(QByteArray, json);
    QFETCH(qint64, keys);
    const std::atomic_bool cancel{false};
    QCOMPARE(Workload::parseAndWalk(json, cancel), keys);
}

void tst_Workload::generatedJsonIsDeterministicAndSized()
{
    for (int kb : {1, 64, 2048}) {
        const QByteArray a = Workload::generateJson(kb);
        QCOMPARE(a, Workload::generateJson(kb));
        QVERIFY(a.size() >= kb * 1024);
        QVERIFY2(a.size() < kb * 1024 + 1024, qPrintable(QString::number(a.size())));
        QVERIFY(QJsonDocument::fromJson(a).isObject());
    }
}

void tst_Workload::generatedJsonKeyCount()
{
    // Every record has 13 keys (6 own, 3 in owner, 2 in meta, 2 in the flag objects),
    // plus the 3 top-level keys.
    const QByteArray json = Workload::generateJson(256);
    const qsizetype records = QJsonDocument::fromJson(json).object().value(QStringLiteral("records")).toArray().size();
    QVERIFY(records > 100);
    const std::atomic_bool cancel{false};
    QCOMPARE(Workload::parseAndWalk(json, cancel), 3 + 13 * qint64(records));
}

void tst_Workload::brokenJsonFails()
{
    const std::atomic_bool cancel{false};
    QCOMPARE(Workload::parseAndWalk("{\"a\":", cancel), -1);
}

void tst_Workload::blockingIoSleeps()
{
    const std::atomic_bool cancel{false};
    const qint64 start = MonotonicClock::nowNs();
    const int slept = Workload::blockingIo(50, cancel);
    const qint64 elapsedMs = (MonotonicClock::nowNs() - start) / 1000000;
    QVERIFY(slept >= 50);
    QVERIFY(elapsedMs >= 50);
}

void tst_Workload::blockingIoStopsOnCancel()
{
    std::atomic_bool cancel{false};
    std::thread canceller([&cancel] {
        std::this_thread::sleep_for(std::chrono::milliseconds(50));
        cancel.store(true);
    });
    const int slept = Workload::blockingIo(10000, cancel);
    canceller.join();
    QVERIFY2(slept < 5000, qPrintable(QString::number(slept)));
}

void tst_Workload::walkStopsOnCancel()
{
    const std::atomic_bool cancel{true};
    QCOMPARE(Workload::parseAndWalk(Workload::generateJson(16), cancel), -1);
}

QTEST_GUILESS_MAIN(tst_Workload)
#include "tst_workload.moc"
