#include "window/longtasklog.h"

#include "engine/recorder.h"
#include "stats/statistics.h"
#include "style/theme.h"

#include <QAbstractTableModel>
#include <QHeaderView>
#include <QKeyEvent>
#include <QPainter>
#include <QScrollBar>
#include <QThread>

#include <algorithm>
#include <limits>

namespace {
// Floor of the look-back window: a loop span overlapping a stall was submitted at most this
// long before it began, unless a longer one was seen (see loopSpansDuring).
constexpr qint64 kMinLookBackNs = 2'000'000'000;
// Spans read per stall at most, so a stall amid a flood of tiny tasks stays cheap.
constexpr int kMaxScan = 100'000;
// Spans named per row; the tooltip lists more.
constexpr int kMaxNamed = 3;
constexpr int kMaxToolTipSpans = 12;

QString msText(qint64 ns)
{
    const double ms = double(ns) / 1e6;
    return LongTaskLog::tr("%1 ms").arg(QString::number(ms, 'f', ms >= 100 ? 0 : 1));
}

QString secondsText(qint64 ns)
{
    return LongTaskLog::tr("%1 s").arg(QString::number(double(ns) / 1e9, 'f', 3));
}

// How long a span held the loop within [fromNs, toNs].
qint64 overlapNs(const Span &s, qint64 fromNs, qint64 toNs)
{
    const qint64 end = s.endNs ? s.endNs : toNs;
    return qMax<qint64>(0, qMin(end, toNs) - qMax(s.startNs, fromNs));
}

// The part of a wait the loop really spent waiting: QFuture::waitForFinished() may run the
// awaited task on the waiting thread itself (Qt's work stealing), which records it as a loop
// span inside the wait.
qint64 ownWaitNs(const Span &wait, const LongTaskLog::Stall &stall)
{
    const qint64 from = qMax(wait.startNs, stall.startNs);
    const qint64 to = qMin(wait.endNs ? wait.endNs : stall.endNs, stall.endNs);
    if (to <= from)
        return 0;
    QVector<QPair<qint64, qint64>> inside;
    for (const Span &s : stall.spans) {
        if (s.kind == WorkKind::Wait)
            continue;
        const qint64 a = qMax(s.startNs, from);
        const qint64 b = qMin(s.endNs ? s.endNs : stall.endNs, to);
        if (b > a)
            inside.append({a, b});
    }
    return (to - from) - Statistics::unionLength(inside);
}

// Below this a wait was all work stealing.
constexpr qint64 kStolenWaitNs = 1'000'000;

QString describe(const Span &s, const LongTaskLog::Stall &stall)
{
    if (s.kind != WorkKind::Wait) {
        return LongTaskLog::tr("%1 task #%2 ran %3")
            .arg(Kinds::shortLabel(s.kind))
            .arg(s.id)
            .arg(msText(overlapNs(s, stall.startNs, stall.endNs)));
    }
    const qint64 own = ownWaitNs(s, stall);
    if (own < kStolenWaitNs && overlapNs(s, stall.startNs, stall.endNs) >= kStolenWaitNs)
        return LongTaskLog::tr("the wait ran it on the loop (Qt work stealing)");
    return LongTaskLog::tr("waited on another thread %1").arg(msText(own));
}

QString distinctJoined(const QStringList &items)
{
    QStringList unique;
    for (const QString &item : items) {
        if (!unique.contains(item))
            unique << item;
    }
    return unique.join(QStringLiteral(", "));
}
} // namespace

class LongTaskLog::Model : public QAbstractTableModel
{
public:
    explicit Model(QObject *parent)
        : QAbstractTableModel(parent)
    {
    }

    QVector<Stall> stalls;
    qint64 originNs = 0;
    bool hasCulprits = false;
    QVector<ProgramStall> culprits; // in start order; a loop stalls once at a time

    // The reported stall that overlaps this one, if any.
    const ProgramStall *culpritOf(const Stall &stall) const
    {
        auto it = std::lower_bound(culprits.cbegin(), culprits.cend(), stall.startNs,
                                   [](const ProgramStall &c, qint64 ns) { return c.startNs + c.durationNs <= ns; });
        if (it == culprits.cend() || it->startNs >= stall.endNs)
            return nullptr;
        return &*it;
    }

    void setCulprits(const QVector<ProgramStall> &stalls)
    {
        const bool grew = !hasCulprits || stalls.size() != culprits.size();
        hasCulprits = true;
        culprits = stalls;
        if (grew && !this->stalls.isEmpty())
            emit dataChanged(index(0, CulpritColumn), index(rowCount() - 1, CulpritColumn));
    }

    void reset(qint64 origin)
    {
        beginResetModel();
        stalls.clear();
        originNs = origin;
        hasCulprits = false;
        culprits.clear();
        endResetModel();
    }

    void append(const QVector<Stall> &more)
    {
        if (more.isEmpty())
            return;
        const int first = int(stalls.size());
        beginInsertRows(QModelIndex(), first, first + int(more.size()) - 1);
        stalls += more;
        endInsertRows();
    }

    int rowCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : int(stalls.size());
    }

    int columnCount(const QModelIndex &parent = QModelIndex()) const override
    {
        return parent.isValid() ? 0 : ColumnCount;
    }

    QVariant data(const QModelIndex &index, int role) const override
    {
        if (!index.isValid() || index.row() >= stalls.size())
            return {};
        const Stall &stall = stalls.at(index.row());
        switch (role) {
        case Qt::DisplayRole:
            return text(stall, index.column());
        case Qt::ToolTipRole:
            return toolTip(stall);
        case Qt::TextAlignmentRole:
            return index.column() <= StallColumn ? int(Qt::AlignRight | Qt::AlignVCenter)
                                                 : int(Qt::AlignLeft | Qt::AlignVCenter);
        case Qt::ForegroundRole:
            if (index.column() == WhatColumn && !stall.spans.isEmpty()
                && std::all_of(stall.spans.cbegin(), stall.spans.cend(),
                               [](const Span &s) { return s.kind == WorkKind::Wait; }))
                return Theme::workColor(WorkKind::Wait);
            return {};
        default:
            return {};
        }
    }

    QVariant headerData(int section, Qt::Orientation orientation, int role) const override
    {
        if (orientation != Qt::Horizontal)
            return {};
        static const char *const titles[ColumnCount] = {
            QT_TRANSLATE_NOOP("LongTaskLog", "At"),   QT_TRANSLATE_NOOP("LongTaskLog", "Stall"),
            QT_TRANSLATE_NOOP("LongTaskLog", "Culprit"), QT_TRANSLATE_NOOP("LongTaskLog", "Task"), QT_TRANSLATE_NOOP("LongTaskLog", "Kind"),
            QT_TRANSLATE_NOOP("LongTaskLog", "Mode"), QT_TRANSLATE_NOOP("LongTaskLog", "What ran on the loop")};
        static const char *const tips[ColumnCount] = {
            QT_TRANSLATE_NOOP("LongTaskLog", "When the stall began: the late tick's due time, seconds since the run started"),
            QT_TRANSLATE_NOOP("LongTaskLog", "How late the tick was: how long the event loop could not run it"),
            QT_TRANSLATE_NOOP("LongTaskLog", "What the program's loop was doing, as its probe saw it: the innermost "
                                             "call first"),
            QT_TRANSLATE_NOOP("LongTaskLog", "The tasks that ran on the loop thread during the stall"),
            QT_TRANSLATE_NOOP("LongTaskLog", "What those tasks did"),
            QT_TRANSLATE_NOOP("LongTaskLog", "Where they were submitted to run"),
            QT_TRANSLATE_NOOP("LongTaskLog", "What held the loop up")};
        if (section < 0 || section >= ColumnCount)
            return {};
        if (role == Qt::DisplayRole)
            return LongTaskLog::tr(titles[section]);
        if (role == Qt::ToolTipRole)
            return LongTaskLog::tr(tips[section]);
        if (role == Qt::TextAlignmentRole)
            return section <= StallColumn ? int(Qt::AlignRight | Qt::AlignVCenter) : int(Qt::AlignLeft | Qt::AlignVCenter);
        return {};
    }

    QString text(const Stall &stall, int column) const
    {
        QStringList parts;
        switch (column) {
        case AtColumn:
            return secondsText(stall.startNs - originNs);
        case StallColumn:
            return msText(stall.lengthNs());
        case CulpritColumn: {
            const ProgramStall *c = culpritOf(stall);
            return c ? c->culprit : QStringLiteral("—");
        }
        case TaskColumn:
            for (const Span &s : stall.spans)
                parts << QStringLiteral("#") + QString::number(s.id);
            return parts.isEmpty() ? QStringLiteral("—") : elided(parts);
        case KindColumn:
            for (const Span &s : stall.spans)
                parts << Kinds::shortLabel(s.kind);
            return parts.isEmpty() ? QStringLiteral("—") : distinctJoined(parts);
        case ModeColumn:
            for (const Span &s : stall.spans)
                parts << Kinds::shortLabel(s.mode);
            return parts.isEmpty() ? QStringLiteral("—") : distinctJoined(parts);
        case WhatColumn:
            // A program's probe reports no span for the code its loop is stuck in: the culprit names it.
            if (stall.spans.isEmpty() && hasCulprits && culpritOf(stall))
                return LongTaskLog::tr("the program's own code on its loop thread: see the culprit");
            if (stall.spans.isEmpty())
                return LongTaskLog::tr("no task on the loop: held up elsewhere (a lock such as the GIL, or the system)");
            for (const Span &s : stall.spans)
                parts << describe(s, stall);
            return elided(parts, QStringLiteral("; "));
        default:
            return {};
        }
    }

    static QString elided(const QStringList &parts, const QString &separator = QStringLiteral(", "))
    {
        if (parts.size() <= kMaxNamed)
            return parts.join(separator);
        return parts.mid(0, kMaxNamed).join(separator) + separator + LongTaskLog::tr("+%1 more").arg(parts.size() - kMaxNamed);
    }

    QString toolTip(const Stall &stall) const
    {
        QStringList lines;
        lines << LongTaskLog::tr("Stall at %1: the loop was %2 late.")
                     .arg(secondsText(stall.startNs - originNs), msText(stall.lengthNs()));
        if (const ProgramStall *c = hasCulprits ? culpritOf(stall) : nullptr) {
            lines << LongTaskLog::tr("Culprit: %1").arg(c->culprit);
            if (!c->task.isEmpty())
                lines << LongTaskLog::tr("In the asyncio task %1.").arg(c->task);
        }
        if (stall.spans.isEmpty() && hasCulprits && culpritOf(stall))
            lines << LongTaskLog::tr("The program's own code held its loop thread (no task span of its probe covers it).");
        else if (stall.spans.isEmpty())
            lines << LongTaskLog::tr("No task ran on the loop thread meanwhile: it was held up elsewhere.");
        for (int i = 0; i < stall.spans.size() && i < kMaxToolTipSpans; ++i) {
            const Span &s = stall.spans.at(i);
            QString what;
            if (s.kind == WorkKind::Wait) {
                const qint64 own = ownWaitNs(s, stall);
                const qint64 stolen = overlapNs(s, stall.startNs, stall.endNs) - own;
                what = stolen >= kStolenWaitNs
                    ? LongTaskLog::tr("the loop waited on another thread for %1 and ran the awaited task itself "
                                      "for %2 (Qt work stealing)")
                          .arg(msText(own), msText(stolen))
                    : LongTaskLog::tr("the loop waited on another thread for %1").arg(msText(own));
            } else {
                what = LongTaskLog::tr("held the loop for %1").arg(msText(overlapNs(s, stall.startNs, stall.endNs)));
            }
            if (!s.isFinished())
                what = LongTaskLog::tr("%1 (still running)").arg(what);
            QString line = LongTaskLog::tr("Task %1: %2, mode %3, %4")
                               .arg(QString::number(s.id), Kinds::shortLabel(s.kind), Kinds::shortLabel(s.mode), what);
            lines << line;
        }
        if (stall.spans.size() > kMaxToolTipSpans)
            lines << LongTaskLog::tr("… and %1 more").arg(stall.spans.size() - kMaxToolTipSpans);
        lines << LongTaskLog::tr("Click or press Enter to show it on the timeline.");
        return lines.join(QLatin1Char('\n'));
    }
};

LongTaskLog::LongTaskLog(QWidget *parent)
    : QTableView(parent)
    , m_model(new Model(this))
{
    setModel(m_model);
    setAccessibleName(tr("Long-task log"));
    setToolTip(tr("Every loop stall of %1 ms or more. Click a row to show it on the timeline.")
                   .arg(Statistics::kLongTaskMs));
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setAlternatingRowColors(true);
    setWordWrap(false);
    setTextElideMode(Qt::ElideRight);
    setShowGrid(false);
    setFrameShape(QFrame::NoFrame);
    verticalHeader()->hide();
    verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 6);
    QHeaderView *header = horizontalHeader();
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setStretchLastSection(true);
    header->setSectionResizeMode(QHeaderView::Interactive);
    const QFontMetrics fm = fontMetrics();
    const int pad = 24;
    setColumnWidth(AtColumn, fm.horizontalAdvance(QStringLiteral("0000.000 s")) + pad);
    setColumnWidth(StallColumn, fm.horizontalAdvance(QStringLiteral("00000 ms")) + pad);
    setColumnWidth(TaskColumn, fm.horizontalAdvance(QStringLiteral("#00000, #00000")) + pad);
    setColumnWidth(KindColumn, fm.horizontalAdvance(QStringLiteral("item, wait")) + pad);
    setColumnWidth(ModeColumn, fm.horizontalAdvance(QStringLiteral("process")) + pad);
    // As wide as a typical culprit of either probe (Python frames, a Qt event and receiver).
    setColumnWidth(CulpritColumn, fm.horizontalAdvance(QStringLiteral("QMouseEvent (MouseButtonRelease) → QToolButton")) + pad);
    setColumnHidden(CulpritColumn, true);

    connect(this, &QAbstractItemView::clicked, this, [this](const QModelIndex &index) { activateRow(index.row()); });
}

LongTaskLog::~LongTaskLog() = default;

void LongTaskLog::setRecorder(std::shared_ptr<const Recorder> recorder, qint64 originNs)
{
    m_recorder = std::move(recorder);
    m_nextTick = 0;
    m_lookBackNs = kMinLookBackNs;
    m_model->reset(originNs);
    setColumnHidden(CulpritColumn, true);
    setColumnHidden(KindColumn, false);
    setColumnHidden(ModeColumn, false);
    horizontalHeader()->setSectionResizeMode(CulpritColumn, QHeaderView::Interactive);
    horizontalHeader()->setStretchLastSection(true);
    refresh();
}

void LongTaskLog::setCulprits(const QVector<ProgramStall> &stalls)
{
    m_model->setCulprits(stalls);
    setColumnHidden(CulpritColumn, false);
    // A program's tasks have no kind or mode of Loop Lab's workloads.
    setColumnHidden(KindColumn, true);
    setColumnHidden(ModeColumn, true);
    // The culprit (an event, then the stack) is what a program's row is read for: it takes
    // the room, and "what ran" keeps enough for its short sentence's start.
    if (horizontalHeader()->stretchLastSection()) {
        horizontalHeader()->setStretchLastSection(false);
        setColumnWidth(WhatColumn, fontMetrics().horizontalAdvance(QStringLiteral("the program's own code on its loop")) + 24);
        horizontalHeader()->setSectionResizeMode(CulpritColumn, QHeaderView::Stretch);
    }
}

bool LongTaskLog::showsCulprits() const
{
    return m_model->hasCulprits;
}

void LongTaskLog::refresh()
{
    Q_ASSERT(QThread::currentThread() == thread());
    if (!m_recorder)
        return;
    const quint32 count = m_recorder->tickCount();
    if (count <= m_nextTick)
        return;
    const qint64 thresholdNs = qint64(Statistics::kLongTaskMs * 1e6);
    // Ticks decimated before we read them (a reopened long run) have no spans left to list.
    m_nextTick = qMax(m_nextTick, m_recorder->firstTick());
    QVector<Stall> found;
    for (; m_nextTick < count; ++m_nextTick) {
        const TickSample t = m_recorder->tick(m_nextTick);
        if (t.latenessNs() < thresholdNs)
            continue;
        Stall stall;
        stall.startNs = t.expectedNs;
        stall.endNs = t.actualNs;
        stall.spans = loopSpansDuring(t.expectedNs, t.actualNs);
        found.append(stall);
    }
    if (found.isEmpty())
        return;
    // Follow new rows only while the newest is in view, so reading older ones is not disturbed.
    const QScrollBar *bar = verticalScrollBar();
    const bool atEnd = bar->value() >= bar->maximum();
    m_model->append(found);
    if (atEnd)
        scrollToBottom();
}

int LongTaskLog::stallCount() const
{
    return int(m_model->stalls.size());
}

LongTaskLog::Stall LongTaskLog::stall(int row) const
{
    return row >= 0 && row < m_model->stalls.size() ? m_model->stalls.at(row) : Stall();
}

QString LongTaskLog::cellText(int row, int column) const
{
    return m_model->index(row, column).data().toString();
}

QSize LongTaskLog::sizeHint() const
{
    return QSize(700, 200);
}

void LongTaskLog::keyPressEvent(QKeyEvent *event)
{
    if ((event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter) && currentIndex().isValid()) {
        activateRow(currentIndex().row());
        event->accept();
        return;
    }
    QTableView::keyPressEvent(event);
}

void LongTaskLog::paintEvent(QPaintEvent *event)
{
    QTableView::paintEvent(event);
    if (m_model->rowCount() > 0)
        return;
    QPainter p(viewport());
    p.setPen(Theme::mutedTextColor());
    const QString text = m_recorder ? tr("No loop stalls of %1 ms or more yet.").arg(Statistics::kLongTaskMs)
                                    : tr("No run");
    p.drawText(viewport()->rect(), Qt::AlignCenter, text);
}

QVector<Span> LongTaskLog::loopSpansDuring(qint64 fromNs, qint64 toNs)
{
    // Spans are in submit order: find the first one submitted after the stall, then walk back
    // over the ones that may still have been running when it began.
    auto keyOf = [this](quint32 id) {
        const Span s = m_recorder->span(id);
        return s.state == SpanState::Empty ? std::numeric_limits<qint64>::max() : s.submitNs;
    };
    quint32 lo = 0;
    quint32 hi = m_recorder->spanCount();
    while (lo < hi) {
        const quint32 mid = lo + (hi - lo) / 2;
        if (keyOf(mid) <= toNs)
            lo = mid + 1;
        else
            hi = mid;
    }
    QVector<Span> found;
    int scanned = 0;
    for (quint32 id = lo; id-- > 0 && scanned < kMaxScan; ++scanned) {
        const Span s = m_recorder->span(id);
        if (s.state == SpanState::Empty)
            continue;
        if (s.submitNs < fromNs - m_lookBackNs)
            break;
        if (s.lane != 0 || s.startNs == 0 || s.startNs >= toNs)
            continue;
        const qint64 endNs = s.endNs ? s.endNs : toNs;
        if (endNs <= fromNs)
            continue;
        found.append(s);
        m_lookBackNs = qMax(m_lookBackNs, endNs - s.submitNs);
    }
    std::reverse(found.begin(), found.end());
    return found;
}

void LongTaskLog::activateRow(int row)
{
    if (row < 0 || row >= m_model->stalls.size())
        return;
    const Stall &s = m_model->stalls.at(row);
    emit stallActivated(s.startNs, s.endNs);
}
