#pragma once

#include "kinds.h"

#include <QWidget>

class QLabel;
struct Summary;

// The row of key figures above the charts: lag percentiles (plain and stall-corrected),
// ticks and missed ticks, tasks, long tasks, stalls per threshold band, loop busy share and
// the mode now in force. When the row is narrower than all of them, the least telling
// figures step aside (p95 first) rather than widening the window.
class StatsStrip : public QWidget
{
    Q_OBJECT
public:
    explicit StatsStrip(QWidget *parent = nullptr);

    void setSummary(const Summary &summary, ExecMode currentMode);
    void clear(ExecMode currentMode);
    // The text of one figure, by its key (p50, p95, p99, p99c, max, ticks, missed, tasks, long,
    // stalls, busy, mode), shown or not. "stalls" counts the ticks at least each
    // Statistics::kBandsMs late, as "a/b/c/d/e/f".
    QString valueText(const QString &key) const;
    // Whether that figure fits in the row at its current width.
    bool isFigureShown(const QString &key) const;

    QSize minimumSizeHint() const override;

protected:
    void resizeEvent(QResizeEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct Figure
    {
        QString key;
        QWidget *box = nullptr;
        QLabel *value = nullptr;
    };

    void addFigure(const QString &key, const QString &title, const QString &toolTip);
    const Figure *figure(const QString &key) const;
    void fitFigures();

    QList<Figure> m_figures;
};
