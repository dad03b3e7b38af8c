#include "lessons/lessons.h"
#include "window/lessonspanel.h"

#include <QListWidget>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTest>
#include <QTextBrowser>

class tst_LessonsPanel : public QObject
{
    Q_OBJECT
private slots:
    void init();
    void cleanup();
    void listsEveryLessonWithTooltip();
    void longTitlesWrapInANarrowDock();
    void firstLessonShownAtStart();
    void selectingRowShowsItsHtml();
    void selectLessonByName();
    void buttonEmitsLessonChosen();
    void enterOnListEmitsLessonChosen();
    void doubleClickEmitsOnceAndSingleClickNever();
    void controlsAreAccessible();
    void rendersAtDockWidth();

private:
    LessonsPanel *m_panel = nullptr;
    QListWidget *m_list = nullptr;
    QTextBrowser *m_text = nullptr;
    QPushButton *m_run = nullptr;
};

void tst_LessonsPanel::init()
{
    m_panel = new LessonsPanel;
    m_panel->resize(380, 800);
    m_list = m_panel->findChild<QListWidget *>(QStringLiteral("lessonList"));
    m_text = m_panel->findChild<QTextBrowser *>(QStringLiteral("lessonText"));
    m_run = m_panel->findChild<QPushButton *>(QStringLiteral("runLesson"));
    QVERIFY(m_list && m_text && m_run);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel));
}

void tst_LessonsPanel::cleanup()
{
    delete m_panel;
    m_panel = nullptr;
}

void tst_LessonsPanel::listsEveryLessonWithTooltip()
{
    const QVector<Lesson> &lessons = Lessons::all();
    QCOMPARE(m_list->count(), lessons.size());
    for (int row = 0; row < lessons.size(); ++row) {
        const QListWidgetItem *item = m_list->item(row);
        QVERIFY(item->text().contains(lessons.at(row).title));
        QVERIFY(!item->toolTip().isEmpty());
        QVERIFY(lessons.at(row).whatHappens.startsWith(item->toolTip()));
        QVERIFY(item->toolTip().endsWith(QLatin1Char('.')));
    }
}

void tst_LessonsPanel::firstLessonShownAtStart()
{
    QCOMPARE(m_list->currentRow(), 0);
    QCOMPARE(m_panel->currentLesson(), Lessons::all().constFirst().name);
    QVERIFY(m_text->toPlainText().contains(Lessons::all().constFirst().title));
}

void tst_LessonsPanel::selectingRowShowsItsHtml()
{
    const QVector<Lesson> &lessons = Lessons::all();
    for (int row = lessons.size() - 1; row >= 0; --row) {
        const Lesson &l = lessons.at(row);
        m_list->setCurrentRow(row);
        QCOMPARE(m_panel->currentLesson(), l.name);
        const QString shown = m_text->toPlainText();
        QVERIFY2(shown.contains(l.title), qPrintable(l.name));
        QVERIFY2(shown.contains(l.whatHappens), qPrintable(l.name));
        QVERIFY2(shown.contains(l.lookFor), qPrintable(l.name));
        // Escaped in the HTML, shown as code: the first and last lines of both snippets.
        for (const QString *snippet : {&l.asyncioSnippet, &l.qtSnippet}) {
            QVERIFY2(shown.contains(snippet->section(QLatin1Char('\n'), 0, 0)), qPrintable(l.name));
            QVERIFY2(shown.contains(snippet->section(QLatin1Char('\n'), -1)), qPrintable(l.name));
        }
    }
    const Lesson *wait = Lessons::find(QStringLiteral("wait"));
    m_panel->selectLesson(wait->name);
    QVERIFY(m_text->toPlainText().contains(QStringLiteral("QFutureWatcher<void>(this)")));
}

void tst_LessonsPanel::selectLessonByName()
{
    m_panel->selectLesson(QStringLiteral("mutex"));
    QCOMPARE(m_panel->currentLesson(), QStringLiteral("mutex"));
    QCOMPARE(m_list->currentItem()->text(), m_list->item(Lessons::names().indexOf(QStringLiteral("mutex")))->text());
    m_panel->selectLesson(QStringLiteral("no-such-lesson"));
    QCOMPARE(m_panel->currentLesson(), QStringLiteral("mutex"));
}

void tst_LessonsPanel::buttonEmitsLessonChosen()
{
    QSignalSpy chosen(m_panel, &LessonsPanel::lessonChosen);
    m_panel->selectLesson(QStringLiteral("gil"));
    QCOMPARE(chosen.count(), 0); // selecting only shows
    QTest::mouseClick(m_run, Qt::LeftButton);
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.at(0).at(0).toString(), QStringLiteral("gil"));

    m_panel->selectLesson(QStringLiteral("bounded-pool"));
    m_run->setFocus();
    QTest::keyClick(m_run, Qt::Key_Return);
    QCOMPARE(chosen.count(), 2);
    QCOMPARE(chosen.at(1).at(0).toString(), QStringLiteral("bounded-pool"));
}

void tst_LessonsPanel::enterOnListEmitsLessonChosen()
{
    QSignalSpy chosen(m_panel, &LessonsPanel::lessonChosen);
    m_list->setFocus();
    m_panel->selectLesson(QStringLiteral("queue"));
    QTest::keyClick(m_list, Qt::Key_Return);
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.at(0).at(0).toString(), QStringLiteral("queue"));

    // Arrow keys move and show; Enter (keypad) runs the new one.
    QTest::keyClick(m_list, Qt::Key_Down);
    QCOMPARE(m_panel->currentLesson(), QStringLiteral("shutdown"));
    QVERIFY(m_text->toPlainText().contains(Lessons::find(QStringLiteral("shutdown"))->title));
    QCOMPARE(chosen.count(), 1);
    QTest::keyClick(m_list, Qt::Key_Enter, Qt::KeypadModifier);
    QCOMPARE(chosen.count(), 2);
    QCOMPARE(chosen.at(1).at(0).toString(), QStringLiteral("shutdown"));
}

void tst_LessonsPanel::doubleClickEmitsOnceAndSingleClickNever()
{
    QSignalSpy chosen(m_panel, &LessonsPanel::lessonChosen);
    const int row = Lessons::names().indexOf(QStringLiteral("nested"));
    const QPoint center = m_list->visualItemRect(m_list->item(row)).center();
    QTest::mouseClick(m_list->viewport(), Qt::LeftButton, {}, center);
    QCOMPARE(m_panel->currentLesson(), QStringLiteral("nested"));
    QCOMPARE(chosen.count(), 0);
    QTest::mouseDClick(m_list->viewport(), Qt::LeftButton, {}, center);
    QCOMPARE(chosen.count(), 1);
    QCOMPARE(chosen.at(0).at(0).toString(), QStringLiteral("nested"));
}

void tst_LessonsPanel::controlsAreAccessible()
{
    for (QWidget *w : {static_cast<QWidget *>(m_list), static_cast<QWidget *>(m_text), static_cast<QWidget *>(m_run)}) {
        QVERIFY2(!w->accessibleName().isEmpty(), qPrintable(w->objectName()));
        QVERIFY2(!w->toolTip().isEmpty(), qPrintable(w->objectName()));
        QVERIFY2(w->focusPolicy() & Qt::TabFocus, qPrintable(w->objectName()));
    }
    // Tab order: list, text, button.
    m_list->setFocus();
    QTest::keyClick(m_list, Qt::Key_Tab);
    QTRY_VERIFY(m_text->hasFocus());
    QTest::keyClick(m_text, Qt::Key_Tab);
    QTRY_VERIFY(m_run->hasFocus());
}

void tst_LessonsPanel::rendersAtDockWidth()
{
    m_panel->selectLesson(QStringLiteral("gil"));
    const QImage image = m_panel->grab().toImage();
    QCOMPARE(image.size(), QSize(380, 800) * m_panel->devicePixelRatioF());
    // Every lesson row is visible without scrolling.
    const QRect lastRow = m_list->visualItemRect(m_list->item(m_list->count() - 1));
    QVERIFY2(m_list->viewport()->rect().contains(lastRow), "the list scrolls at the default size");
    // No horizontal scrolling for the text: snippets fit or wrap.
    QVERIFY(!m_text->horizontalScrollBar()->isVisible());
}

// A dock narrower than a title (most Russian ones at 1024 px) wraps it instead of cutting it
// off, and the list grows to show the extra lines.
void tst_LessonsPanel::longTitlesWrapInANarrowDock()
{
    m_panel->resize(200, 700);
    const int oneLine = m_list->fontMetrics().height();
    QTRY_VERIFY(m_list->viewport()->width() < 200);
    QTest::qWait(20); // the queued fit after the list's resize
    int wrapped = 0;
    int wanted = 0;
    for (int row = 0; row < m_list->count(); ++row) {
        QListWidgetItem *item = m_list->item(row);
        const QRect rect = m_list->visualItemRect(item);
        QVERIFY(rect.width() <= m_list->viewport()->width());
        const int textWidth = m_list->fontMetrics().horizontalAdvance(item->text()) + 2 * m_list->iconSize().width();
        if (textWidth > m_list->viewport()->width()) {
            QVERIFY2(rect.height() >= 2 * oneLine, qPrintable(item->text()));
            ++wrapped;
        }
        wanted += rect.height();
    }
    QVERIFY(wrapped > 0);
    QVERIFY2(m_list->height() >= qMin(wanted, 700 * 3 / 5 - 40),
             qPrintable(QStringLiteral("%1 of %2").arg(m_list->height()).arg(wanted)));
}

QTEST_MAIN(tst_LessonsPanel)
#include "tst_lessonspanel.moc"
