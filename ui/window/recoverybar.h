#pragma once

#include <QFrame>

class QLabel;

// Shown above the dashboard on the start after Loop Lab was closed during a run: that run
// was kept (MainWindow::autosavePath()), and this offers it back instead of leaving the user
// to find the file. It stays until the user opens the run or dismisses the offer.
class RecoveryBar : public QFrame
{
    Q_OBJECT
public:
    explicit RecoveryBar(QWidget *parent = nullptr);

    void offer(const QString &path);

signals:
    void openRequested(const QString &path);
    void dismissed();

private:
    QLabel *m_text;
    QString m_path;
};
