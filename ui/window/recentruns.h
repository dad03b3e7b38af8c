#pragma once

#include <QObject>
#include <QStringList>

class QMenu;

// File → Recent runs: the run files opened or saved last, newest first, kept in QSettings
// so they survive a restart. A file that has gone is dropped from the list when the menu
// is shown, so the menu never offers what cannot be opened.
class RecentRuns : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxEntries = 8;

    explicit RecentRuns(QMenu *menu, QObject *parent = nullptr);

    void add(const QString &path);
    void remove(const QString &path);
    void clear();
    QStringList paths() const;

signals:
    void openRequested(const QString &path);

private:
    void rebuild();
    static void write(const QStringList &paths);

    QMenu *m_menu;
};
