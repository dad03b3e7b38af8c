#pragma once

#include "kinds.h"

#include <QWidget>

class QLabel;
struct Summary;

// The row of key figures above the charts: lag percentiles, ticks, tasks, long tasks,
// loop busy share and the mode now in force.
class StatsStrip : public QWidget
{
    Q_OBJECT
public:
    explicit StatsStrip(QWidget *parent = nullptr);

    void setSummary(const Summary &summary, ExecMode currentMode);
    void clear(ExecMode currentMode);
    // The text of one figure, by its key (p50, p95, p99, max, ticks, tasks, long, busy, mode).
    QString valueText(const QString &key) const;

private:
    QLabel *addFigure(const QString &key, const QString &title, const QString &toolTip);

    QList<QPair<QString, QLabel *>> m_values;
};
