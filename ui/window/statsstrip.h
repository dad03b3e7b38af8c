#pragma once

#include "engine/kinds.h"

#include <QWidget>

class QLabel;
struct Summary;

// The row of key figures above the charts: lag percentiles (plain and stall-corrected),
// ticks and missed ticks, tasks, long tasks, stalls per threshold band, loop busy share and
// the mode now in force. When the row is narrower than all of them they wrap onto a second
// row (and a third), in the same order: a figure is never silently dropped.
class StatsStrip : public QWidget
{
    Q_OBJECT
public:
    explicit StatsStrip(QWidget *parent = nullptr);

    void setSummary(const Summary &summary, ExecMode currentMode);
    void clear(ExecMode currentMode);
    // What the mode figure says for a run that is not Loop Lab's own (a program's runtime,
    // "python"); empty: the mode in force, as before.
    void setModeText(const QString &text);
    // The text of one figure, by its key (p50, p95, p99, p99c, max, ticks, missed, tasks, long,
    // stalls, busy, mode), shown or not. "stalls" counts the ticks at least each
    // Statistics::kBandsMs late, as "a/b/c/d/e/f".
    QString valueText(const QString &key) const;
    // Whether that figure is on screen (always, once the strip is shown), and on which row.
    int figureRow(const QString &key) const;

    QSize sizeHint() const override;
    QSize minimumSizeHint() const override;
    bool hasHeightForWidth() const override { return true; }
    int heightForWidth(int width) const override;

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
    // Where each figure goes at this width, row by row; returns the height used.
    int layoutFigures(int width, QVector<QRect> *places) const;

    QList<Figure> m_figures;
    QString m_modeText;
};
