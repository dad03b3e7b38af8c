#pragma once

#include "engine/span.h"
#include "engine/programstall.h"

#include <QTableView>
#include <QVector>

#include <memory>

class Recorder;

// Every loop stall of Statistics::kLongTaskMs or more, oldest first: when it began (the
// late tick's expected time), how long the loop was held up, and what ran on the loop
// thread meanwhile. Incremental: a refresh looks only at the ticks recorded since the last.
class LongTaskLog : public QTableView
{
    Q_OBJECT
public:
    // CulpritColumn shows only for a program's run (setCulprits), which hides Kind and Mode.
    enum Column { AtColumn, StallColumn, CulpritColumn, TaskColumn, KindColumn, ModeColumn, WhatColumn, ColumnCount };

    struct Stall
    {
        qint64 startNs = 0; // the tick's expected time
        qint64 endNs = 0;   // when it actually ran
        // Loop-thread (lane 0) spans overlapping [startNs, endNs], in submit order.
        QVector<Span> spans;
        qint64 lengthNs() const { return endNs - startNs; }
    };

    explicit LongTaskLog(QWidget *parent = nullptr);
    ~LongTaskLog() override;

    // originNs: time zero of the "at" column (the run start). Null clears.
    void setRecorder(std::shared_ptr<const Recorder> recorder, qint64 originNs);
    // Appends the stalls among the ticks recorded since the last call.
    void refresh();
    // A program's stalls as its probe reported them (StreamRecording::stalls()), for the
    // Culprit column; call again as more arrive. setRecorder() hides the column again.
    void setCulprits(const QVector<ProgramStall> &stalls);
    bool showsCulprits() const;

    int stallCount() const;
    Stall stall(int row) const;
    // The text a cell shows.
    QString cellText(int row, int column) const;

    QSize sizeHint() const override;

signals:
    // A row was clicked or Enter pressed on it: the stall's [start, end], monotonic ns.
    void stallActivated(qint64 startNs, qint64 endNs);

protected:
    void keyPressEvent(QKeyEvent *event) override;
    void paintEvent(QPaintEvent *event) override;

private:
    class Model;

    QVector<Span> loopSpansDuring(qint64 fromNs, qint64 toNs);
    void activateRow(int row);

    Model *m_model;
    std::shared_ptr<const Recorder> m_recorder;
    quint32 m_nextTick = 0;
    // How far before a stall a span overlapping it may have been submitted; grows with the
    // longest loop span seen.
    qint64 m_lookBackNs = 0;
};
