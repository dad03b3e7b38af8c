#include "compare/comparedialog.h"
#include "window/dashboard.h"
#include "export/exportdialog.h"
#include "charts/latencychart.h"
#include "lessons/lessons.h"
#include "window/mainwindow.h"
#include "engine/recorder.h"
#include "run/session.h"
#include "timeline/timelineview.h"
#include "looplabversion.h"
#include "windowfixture.h"

#include <QAbstractButton>
#include <QAbstractItemView>
#include <QAbstractSpinBox>
#include <QAccessible>
#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QImage>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QStandardPaths>
#include <QTabBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextEdit>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QtCharts/QChartView>

// Every control has a name a screen reader can say, toolbar controls explain themselves,
// and a run and an export can be done without the mouse.
class tst_Accessibility : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void init();
    void cleanup();
    void mainWindowControlsHaveNames();
    void toolBarControlsHaveToolTips();
    void menuActionsHaveStatusTips();
    void dialogControlsHaveNames();
    void tabReachesTheControls();
    void runAndExportFromTheKeyboard();
    void lessonsBrowserFocusesTheList();
    void lessonsMenuListsEveryLesson();
    void aboutNamesVersionAndLicences();

private:
    static QString accessibleName(QWidget *w);
    static bool isInteractive(QWidget *w);
    static QStringList unnamed(QWidget *root, int *checked = nullptr);

    MainWindow *m_window = nullptr;
    QTemporaryDir m_dir;
};

void tst_Accessibility::initTestCase()
{
    WindowFixture::isolateSettings("tst_accessibility");
}

void tst_Accessibility::init()
{
    m_window = WindowFixture::showWindow(QSize(1400, 900), WindowFixture::Wait::Active);
    QVERIFY(m_window);
}

void tst_Accessibility::cleanup()
{
    WindowFixture::closeWindow(m_window);
    QSettings().clear();
}

QString tst_Accessibility::accessibleName(QWidget *w)
{
    // What assistive technology reads: the explicit name, else what Qt derives (button text,
    // a label's buddy, the tooltip).
    if (!w->accessibleName().isEmpty())
        return w->accessibleName();
    QAccessibleInterface *iface = QAccessible::queryAccessibleInterface(w);
    return iface ? iface->text(QAccessible::Name) : QString();
}

bool tst_Accessibility::isInteractive(QWidget *w)
{
    // The editors inside spin boxes and combo boxes belong to their owner.
    if (qobject_cast<QLineEdit *>(w) && (qobject_cast<QAbstractSpinBox *>(w->parentWidget())
                                         || qobject_cast<QComboBox *>(w->parentWidget())))
        return false;
    return qobject_cast<QAbstractButton *>(w) || qobject_cast<QComboBox *>(w) || qobject_cast<QAbstractSpinBox *>(w)
        || qobject_cast<QLineEdit *>(w) || qobject_cast<QAbstractItemView *>(w) || qobject_cast<QTabBar *>(w)
        || qobject_cast<QTextEdit *>(w) || qobject_cast<QChartView *>(w) || w->inherits("TimelineView");
}

QStringList tst_Accessibility::unnamed(QWidget *root, int *checked)
{
    QStringList missing;
    const QList<QWidget *> widgets = root->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        if (!w->isVisibleTo(root) || !isInteractive(w))
            continue;
        if (checked)
            ++*checked;
        if (accessibleName(w).trimmed().isEmpty())
            missing << QStringLiteral("%1 '%2' in %3").arg(QString::fromLatin1(w->metaObject()->className()),
                                                           w->objectName(),
                                                           w->parentWidget() ? w->parentWidget()->objectName() : QString());
    }
    return missing;
}

void tst_Accessibility::mainWindowControlsHaveNames()
{
    int checked = 0;
    const QStringList missing = unnamed(m_window, &checked);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral("\n"))));
    QVERIFY(checked >= 28); // toolbar buttons, workload, lessons, charts, timeline, tabs, log
    // The custom views are among those checked.
    QCOMPARE(m_window->dashboard()->timeline()->accessibleName(), QStringLiteral("Task timeline"));
    QVERIFY(!m_window->dashboard()->latencyChart()->accessibleName().isEmpty());
}

void tst_Accessibility::toolBarControlsHaveToolTips()
{
    const QList<QToolBar *> bars = m_window->findChildren<QToolBar *>();
    QVERIFY(bars.size() >= 2);
    int checked = 0;
    for (QToolBar *bar : bars) {
        for (QWidget *w : bar->findChildren<QWidget *>()) {
            if (!w->isVisibleTo(m_window) || !isInteractive(w) || w->objectName() == QLatin1String("qt_toolbar_ext_button"))
                continue;
            QVERIFY2(!w->toolTip().isEmpty(), qPrintable(accessibleName(w)));
            QVERIFY2(!w->statusTip().isEmpty(), qPrintable(accessibleName(w)));
            ++checked;
        }
    }
    QVERIFY(checked >= 15); // start, clear, nine modes, follow, export, the workload controls
    // The tooltips of shortcut actions name the shortcut.
    auto *start = m_window->findChild<QAction *>(QStringLiteral("startStop"));
    QVERIFY(start->toolTip().contains(QStringLiteral("Space")));
    auto *exportPng = m_window->findChild<QAction *>(QStringLiteral("exportPng"));
    QVERIFY2(exportPng->toolTip().contains(QStringLiteral("Ctrl+E")), qPrintable(exportPng->toolTip()));
}

void tst_Accessibility::menuActionsHaveStatusTips()
{
    QStringList menus;
    for (QAction *top : m_window->menuBar()->actions()) {
        QMenu *menu = top->menu();
        QVERIFY(menu);
        menus << menu->title().remove(QLatin1Char('&'));
        for (QAction *a : menu->actions()) {
            if (a->isSeparator() || a->menu())
                continue;
            QVERIFY2(!a->statusTip().isEmpty(), qPrintable(a->text()));
        }
    }
    QCOMPARE(menus, (QStringList{QStringLiteral("File"), QStringLiteral("Run"), QStringLiteral("View"),
                                 QStringLiteral("Lessons"), QStringLiteral("Help")}));
    // Every frequent action has a shortcut the menu shows.
    for (const char *name : {"startStop", "clear", "exportPng", "openRun", "saveRun", "exportTrace", "compareModes",
                             "followLive", "logScale", "toggleLessons", "lessonsBrowser", "quit"}) {
        auto *a = m_window->findChild<QAction *>(QString::fromLatin1(name));
        QVERIFY2(a, name);
        QVERIFY2(!a->shortcut().isEmpty(), name);
    }
}

void tst_Accessibility::dialogControlsHaveNames()
{
    ExportDialog exportDialog(m_dir.filePath(QStringLiteral("x.png")), m_window);
    exportDialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&exportDialog));
    QStringList missing = unnamed(&exportDialog);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral("\n"))));
    exportDialog.close();

    CompareDialog compare(m_window);
    compare.show();
    QVERIFY(QTest::qWaitForWindowExposed(&compare));
    missing = unnamed(&compare);
    QVERIFY2(missing.isEmpty(), qPrintable(missing.join(QStringLiteral("\n"))));
    compare.close();
}

void tst_Accessibility::tabReachesTheControls()
{
    QSet<QString> reached;
    QWidget *first = nullptr;
    for (int i = 0; i < 80; ++i) {
        QWidget *focus = QApplication::focusWidget();
        if (focus) {
            if (focus == first)
                break;
            if (!first)
                first = focus;
            reached.insert(focus->objectName());
            // A spin box's editor stands for its spin box.
            if (focus->parentWidget())
                reached.insert(focus->parentWidget()->objectName());
        }
        QTest::keyClick(static_cast<QWidget *>(nullptr), Qt::Key_Tab);
    }
    for (const char *name : {"work", "ioMs", "periodMs", "workers", "lessonList", "runLesson"})
        QVERIFY2(reached.contains(QString::fromLatin1(name)), name);
}

void tst_Accessibility::runAndExportFromTheKeyboard()
{
    // Keys go where a user's would: to the focus widget, through the shortcut map.
    auto key = [](Qt::Key k, Qt::KeyboardModifiers mods = Qt::NoModifier) {
        QTest::keyClick(static_cast<QWidget *>(nullptr), k, mods);
    };
    key(Qt::Key_2, Qt::ControlModifier); // Offload
    QCOMPARE(m_window->currentMode(), ExecMode::Pool);
    key(Qt::Key_1, Qt::ControlModifier); // Blocking
    QCOMPARE(m_window->currentMode(), ExecMode::Inline);
    key(Qt::Key_Space);
    QVERIFY(m_window->session()->isRunning());
    QTRY_VERIFY_WITH_TIMEOUT(m_window->session()->summary().tasks >= 2, 10000);
    QTRY_VERIFY(m_window->session()->recorder()->tickCount() > 10);
    key(Qt::Key_Space);
    QTRY_VERIFY(!m_window->session()->isRunning());

    // Ctrl+E opens the export dialog; Alt+S picks the scale, Alt+F the path, Enter saves.
    const QString path = m_dir.filePath(QStringLiteral("keyboard.png"));
    QStringList focused;
    bool sawDialog = false;
    QTimer poll;
    poll.setInterval(20);
    connect(&poll, &QTimer::timeout, this, [&] {
        auto *dialog = qobject_cast<ExportDialog *>(QApplication::activeModalWidget());
        if (!dialog || !dialog->isActiveWindow())
            return;
        poll.stop();
        sawDialog = true;
        key(Qt::Key_S, Qt::AltModifier);
        focused << QApplication::focusWidget()->objectName();
        key(Qt::Key_Down);
        key(Qt::Key_F, Qt::AltModifier);
        focused << QApplication::focusWidget()->objectName();
        key(Qt::Key_A, Qt::ControlModifier);
        QTest::keyClicks(static_cast<QWidget *>(nullptr), path);
        key(Qt::Key_Return);
        if (dialog->isVisible()) // never leave the test stuck in exec()
            dialog->reject();
    });
    poll.start();
    key(Qt::Key_E, Qt::ControlModifier);
    QVERIFY(sawDialog);
    QCOMPARE(focused, (QStringList{QStringLiteral("exportScale"), QStringLiteral("exportPath")}));
    QImage image(path);
    QVERIFY2(!image.isNull(), qPrintable(m_window->lastError()));
    QCOMPARE(image.size(), m_window->dashboard()->size() * 2);
}

void tst_Accessibility::lessonsBrowserFocusesTheList()
{
    QTest::keyClick(static_cast<QWidget *>(nullptr), Qt::Key_F1, Qt::ShiftModifier);
    QTRY_COMPARE(QApplication::focusWidget()->objectName(), QStringLiteral("lessonList"));
    // Down then Enter runs the second lesson.
    QTest::keyClick(static_cast<QWidget *>(nullptr), Qt::Key_Down);
    QTest::keyClick(static_cast<QWidget *>(nullptr), Qt::Key_Return);
    QTRY_VERIFY(m_window->session()->isRunning());
    QCOMPARE(m_window->currentMode(), ExecMode::Pool);
    m_window->stopRun();
}

void tst_Accessibility::lessonsMenuListsEveryLesson()
{
    auto *menu = m_window->findChild<QMenu *>(QStringLiteral("lessonsMenu"));
    QVERIFY(menu);
    int lessons = 0;
    for (QAction *a : menu->actions())
        lessons += a->objectName().startsWith(QLatin1String("lesson-")) ? 1 : 0;
    QCOMPARE(lessons, int(Lessons::all().size()));
    m_window->findChild<QAction *>(QStringLiteral("lesson-gil"))->trigger();
    QCOMPARE(m_window->currentMode(), ExecMode::Gil);
    QTRY_VERIFY(m_window->session()->isRunning());
    m_window->stopRun();
}

void tst_Accessibility::aboutNamesVersionAndLicences()
{
    m_window->findChild<QAction *>(QStringLiteral("about"))->trigger();
    QMessageBox *box = nullptr;
    QTRY_VERIFY((box = m_window->findChild<QMessageBox *>(QStringLiteral("aboutBox"))) && box->isVisible());
    const QString text = box->text();
    for (const QString &needle : {QStringLiteral(LOOPLAB_VERSION), QStringLiteral("GPL-3.0-or-later"),
                                  QStringLiteral("LGPL-3.0"), QStringLiteral("Qt Charts"), QString::fromLatin1(qVersion())})
        QVERIFY2(text.contains(needle), qPrintable(needle));
    box->close();
}

QTEST_MAIN(tst_Accessibility)
#include "tst_accessibility.moc"
