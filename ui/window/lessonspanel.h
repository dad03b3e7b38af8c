#pragma once

#include <QWidget>

class QListWidget;
class QPushButton;
class QSplitter;
class QTextBrowser;

// The lessons dock: a list of lessons, the selected one's text and snippets, and a button
// (or Enter / double-click on the list) that asks the window to run its preset.
class LessonsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit LessonsPanel(QWidget *parent = nullptr);

    // Unknown names leave the selection as it is.
    void selectLesson(const QString &name);
    QString currentLesson() const;
    // Help > Lessons browser: keyboard focus to the list, on the selected lesson.
    void focusList();

signals:
    void lessonChosen(const QString &name);

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void showCurrent();
    void chooseCurrent();
    void applyStyleSheet();
    // Long titles wrap (in Russian most do at the dock's width): the list grows to show every
    // line, up to three fifths of the panel, and the text takes the rest.
    void fitList();

    QListWidget *m_list;
    QSplitter *m_splitter = nullptr;
    int m_fittedWidth = -1;
    QTextBrowser *m_text;
    QPushButton *m_run;
};
