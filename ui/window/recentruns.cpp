#include "window/recentruns.h"

#include <QAction>
#include <QDir>
#include <QFileInfo>
#include <QMenu>
#include <QSettings>

namespace {
const QString kKey = QStringLiteral("files/recentRuns");
}

RecentRuns::RecentRuns(QMenu *menu, QObject *parent)
    : QObject(parent)
    , m_menu(menu)
{
    connect(m_menu, &QMenu::aboutToShow, this, &RecentRuns::rebuild);
    rebuild();
}

QStringList RecentRuns::paths() const
{
    return QSettings().value(kKey).toStringList();
}

void RecentRuns::write(const QStringList &paths)
{
    QSettings().setValue(kKey, paths);
}

void RecentRuns::add(const QString &path)
{
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList list = paths();
    list.removeAll(absolute);
    list.prepend(absolute);
    write(list.mid(0, kMaxEntries));
    rebuild();
}

void RecentRuns::remove(const QString &path)
{
    QStringList list = paths();
    list.removeAll(QFileInfo(path).absoluteFilePath());
    write(list);
    rebuild();
}

void RecentRuns::clear()
{
    write({});
    rebuild();
}

void RecentRuns::rebuild()
{
    QStringList list = paths();
    const qsizetype before = list.size();
    list.erase(std::remove_if(list.begin(), list.end(), [](const QString &p) { return !QFileInfo(p).isFile(); }),
               list.end());
    if (list.size() != before)
        write(list);

    m_menu->clear();
    int number = 1;
    for (const QString &path : std::as_const(list)) {
        // &1 … &8: Alt+F, R, then the digit opens it from the keyboard.
        QAction *a = m_menu->addAction(tr("&%1  %2").arg(number++).arg(QFileInfo(path).fileName()));
        a->setObjectName(QStringLiteral("recentRun"));
        a->setData(path);
        a->setStatusTip(QDir::toNativeSeparators(path));
        a->setToolTip(a->statusTip());
        connect(a, &QAction::triggered, this, [this, path] { emit openRequested(path); });
    }
    if (list.isEmpty()) {
        QAction *none = m_menu->addAction(tr("No recent runs"));
        none->setEnabled(false);
    }
    m_menu->addSeparator();
    QAction *clearAction = m_menu->addAction(tr("&Clear the list"), this, &RecentRuns::clear);
    clearAction->setObjectName(QStringLiteral("clearRecentRuns"));
    clearAction->setEnabled(!list.isEmpty());
    clearAction->setStatusTip(tr("Forget the recent runs; the files stay where they are."));
}
