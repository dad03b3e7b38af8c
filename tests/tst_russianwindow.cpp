#include "lessons/lessons.h"
#include "window/mainwindow.h"
#include "engine/translations.h"
#include "windowfixture.h"

#include <QApplication>
#include <QDialogButtonBox>
#include <QListWidget>
#include <QMenu>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QStandardPaths>
#include <QTest>
#include <QTimer>

// The window as a Russian user sees it: `looplab --lang ru` installs the translators and
// rebuilds the lessons before the window is made, as this test does.
class tst_RussianWindow : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void menusAreRussian();
    void lessonsAreRussian();
    void qtOwnStringsAreRussian();
    void languageMenuRemembersChoice();
    void cleanupTestCase();
};

void tst_RussianWindow::initTestCase()
{
    WindowFixture::isolateSettings("tst_russianwindow");
    QVERIFY(Translations::install(QStringLiteral("ru")));
    Lessons::retranslate();
}

void tst_RussianWindow::cleanupTestCase()
{
    QSettings().clear();
}

void tst_RussianWindow::menusAreRussian()
{
    MainWindow window;
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QStringList titles;
    for (const QAction *action : window.menuBar()->actions())
        titles << action->text();
    QVERIFY2(titles.contains(QStringLiteral("&Файл")), qPrintable(titles.join(QLatin1Char(' '))));
    QVERIFY2(titles.contains(QStringLiteral("&Вид")), qPrintable(titles.join(QLatin1Char(' '))));
    QVERIFY(!titles.contains(QStringLiteral("&File")));
}

void tst_RussianWindow::lessonsAreRussian()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const auto lists = window.findChildren<QListWidget *>();
    QVERIFY(!lists.isEmpty());
    QListWidget *list = lists.constFirst();
    QCOMPARE(list->count(), Lessons::all().size());
    QCOMPARE(list->item(0)->text(), QStringLiteral("1. Блокирующий вызов в цикле"));
}

void tst_RussianWindow::qtOwnStringsAreRussian()
{
    // qtbase_ru.qm from Qt's translations folder (Debian: qt6-translations-l10n).
    QDialogButtonBox box(QDialogButtonBox::Cancel);
    QCOMPARE(box.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("Отмена"));
}

void tst_RussianWindow::languageMenuRemembersChoice()
{
    MainWindow window;
    auto *menu = window.findChild<QMenu *>(QStringLiteral("languageMenu"));
    QVERIFY(menu);
    QCOMPARE(menu->title(), QStringLiteral("&Язык (после перезапуска)"));
    QAction *english = nullptr;
    for (QAction *action : menu->actions()) {
        if (action->data().toString() == QLatin1String("en"))
            english = action;
    }
    QVERIFY(english);
    QCOMPARE(english->text(), QStringLiteral("English"));
    QCOMPARE(Translations::choose(QString()), Translations::systemLanguage());
    // The confirmation box would wait for a click; the choice is stored before it opens.
    QTimer::singleShot(0, [] {
        if (QWidget *box = QApplication::activeModalWidget())
            box->close();
    });
    english->trigger();
    QCOMPARE(QSettings().value(Translations::settingsKey()).toString(), QStringLiteral("en"));
    QCOMPARE(Translations::choose(QString()), QStringLiteral("en"));
    QCOMPARE(Translations::choose(QStringLiteral("ru")), QStringLiteral("ru")); // --lang wins
}

QTEST_MAIN(tst_RussianWindow)
#include "tst_russianwindow.moc"
