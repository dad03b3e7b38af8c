#include "lessons/lessons.h"
#include "stats/summary.h"
#include "engine/translations.h"
#include "stats/verdict.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

// The Russian translation loads from the resources core carries, covers every lesson, and the
// .ts files have nothing left to translate, not even for strings added since the last update.
class tst_Translations : public QObject
{
    Q_OBJECT
private slots:
    void cleanupTestCase();
    void unknownLanguageIsRefused();
    void everyLessonIsTranslated();
    void pluralForms_data();
    void pluralForms();
    void tsFilesAreComplete_data();
    void tsFilesAreComplete();
    void sourcesHaveNoUntranslatedStrings();

private:
    static QString sourceDir() { return QStringLiteral(LOOPLAB_SOURCE_DIR); }
    static QStringList problems(const QString &tsText);
};

void tst_Translations::cleanupTestCase()
{
    Translations::install(QStringLiteral("en"));
    Lessons::retranslate();
}

void tst_Translations::unknownLanguageIsRefused()
{
    QCOMPARE(Translations::available(), (QStringList{QStringLiteral("en"), QStringLiteral("ru")}));
    QVERIFY(!Translations::install(QStringLiteral("xx")));
    QVERIFY(Translations::available().contains(Translations::systemLanguage()));
    QCOMPARE(Translations::choose(QStringLiteral("ru")), QStringLiteral("ru"));
    QCOMPARE(Translations::nativeName(QStringLiteral("ru")), QStringLiteral("Русский"));
}

void tst_Translations::everyLessonIsTranslated()
{
    QVERIFY(Translations::install(QStringLiteral("en")));
    Lessons::retranslate();
    const QVector<Lesson> english = Lessons::all();
    QVERIFY(Translations::install(QStringLiteral("ru")));
    Lessons::retranslate();
    const QVector<Lesson> &russian = Lessons::all();
    QCOMPARE(russian.size(), english.size());
    const QRegularExpression cyrillic(QStringLiteral("[а-яА-ЯёЁ]"));
    for (int i = 0; i < english.size(); ++i) {
        const Lesson &en = english.at(i);
        const Lesson &ru = russian.at(i);
        QCOMPARE(ru.name, en.name);
        for (const auto &[ruText, enText] : {std::pair{&ru.title, &en.title}, std::pair{&ru.whatHappens, &en.whatHappens},
                                             std::pair{&ru.why, &en.why}, std::pair{&ru.lookFor, &en.lookFor}}) {
            QVERIFY2(!ruText->isEmpty(), qPrintable(en.name));
            QVERIFY2(*ruText != *enText, qPrintable(en.name + QStringLiteral(": ") + *enText));
            QVERIFY2(ruText->contains(cyrillic), qPrintable(*ruText));
        }
        // Snippets are code.
        QCOMPARE(ru.asyncioSnippet, en.asyncioSnippet);
        QCOMPARE(ru.qtSnippet, en.qtSnippet);
        QVERIFY(Lessons::html(ru).contains(QStringLiteral("Что происходит")));
    }
}

void tst_Translations::pluralForms_data()
{
    QTest::addColumn<QString>("language");
    QTest::addColumn<int>("stalls");
    QTest::addColumn<QString>("expected");
    QTest::newRow("en 1") << QStringLiteral("en") << 1 << QStringLiteral("Loop blocked: 1 stall ≥ 50 ms");
    QTest::newRow("en 2") << QStringLiteral("en") << 2 << QStringLiteral("Loop blocked: 2 stalls ≥ 50 ms");
    QTest::newRow("ru 1") << QStringLiteral("ru") << 1 << QStringLiteral("Цикл блокируется: 1 зависание ≥ 50 мс");
    QTest::newRow("ru 3") << QStringLiteral("ru") << 3 << QStringLiteral("Цикл блокируется: 3 зависания ≥ 50 мс");
    QTest::newRow("ru 5") << QStringLiteral("ru") << 5 << QStringLiteral("Цикл блокируется: 5 зависаний ≥ 50 мс");
    QTest::newRow("ru 21") << QStringLiteral("ru") << 21 << QStringLiteral("Цикл блокируется: 21 зависание ≥ 50 мс");
}

void tst_Translations::pluralForms()
{
    QFETCH(QString, language);
    QFETCH(int, stalls);
    QFETCH(QString, expected);
    QVERIFY(Translations::install(language));
    Summary s;
    s.ticks = 100;
    s.longTasks = stalls;
    s.maxMs = 200;
    s.p99Ms = 200;
    const QString verdict = Verdict::describe(s);
    QVERIFY2(verdict.startsWith(expected), qPrintable(verdict));
}

QStringList tst_Translations::problems(const QString &tsText)
{
    QStringList found;
    for (const char *marker : {"type=\"unfinished\"", "type=\"vanished\"", "type=\"obsolete\""}) {
        const int n = tsText.count(QLatin1String(marker));
        if (n > 0)
            found << QStringLiteral("%1 × %2").arg(n).arg(QLatin1String(marker));
    }
    return found;
}

void tst_Translations::tsFilesAreComplete_data()
{
    QTest::addColumn<QString>("file");
    QTest::newRow("ru") << QStringLiteral("looplab_ru.ts");
    QTest::newRow("en") << QStringLiteral("looplab_en.ts");
}

void tst_Translations::tsFilesAreComplete()
{
    QFETCH(QString, file);
    QFile ts(sourceDir() + QStringLiteral("/resources/translations/") + file);
    QVERIFY2(ts.open(QIODevice::ReadOnly), qPrintable(ts.fileName()));
    const QString text = QString::fromUtf8(ts.readAll());
    QVERIFY(text.contains(QLatin1String("<message")));
    const QStringList found = problems(text);
    QVERIFY2(found.isEmpty(), qPrintable(file + QStringLiteral(": ") + found.join(QStringLiteral(", "))
                                         + QStringLiteral(". Run scripts/update-translations.sh and translate (README, Languages).")));
}

// A string added to the sources without updating the .ts would show up untranslated: run
// lupdate on a copy, as scripts/update-translations.sh does, and look again.
void tst_Translations::sourcesHaveNoUntranslatedStrings()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString copy = dir.filePath(QStringLiteral("looplab_ru.ts"));
    QVERIFY(QFile::copy(sourceDir() + QStringLiteral("/resources/translations/looplab_ru.ts"), copy));
    QFile::setPermissions(copy, QFile::ReadOwner | QFile::WriteOwner);
    QProcess lupdate;
    lupdate.setProcessChannelMode(QProcess::MergedChannels);
    lupdate.start(QStringLiteral(LOOPLAB_LUPDATE),
                  {QStringLiteral("-no-obsolete"), QStringLiteral("-locations"), QStringLiteral("none"),
                   sourceDir() + QStringLiteral("/core"), sourceDir() + QStringLiteral("/ui"), QStringLiteral("-ts"), copy});
    QVERIFY(lupdate.waitForFinished(60000));
    QCOMPARE(lupdate.exitCode(), 0);
    QFile ts(copy);
    QVERIFY(ts.open(QIODevice::ReadOnly));
    const QStringList found = problems(QString::fromUtf8(ts.readAll()));
    QVERIFY2(found.isEmpty(), qPrintable(QStringLiteral("the sources have strings looplab_ru.ts lacks: ") + found.join(QStringLiteral(", "))
                                         + QStringLiteral(". Run scripts/update-translations.sh and translate them.")));
}

QTEST_GUILESS_MAIN(tst_Translations)
#include "tst_translations.moc"
