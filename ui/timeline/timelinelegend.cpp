#include "timeline/timelinelegend.h"

#include "engine/kinds.h"
#include "style/theme.h"
#include "timeline/timelinesnapshot.h"
#include "timeline/timelinestyle.h"

#include <QCoreApplication>
#include <QFontMetrics>
#include <QPainter>
#include <QVector>

namespace {
enum class Swatch { Solid, Queued, Wait, Transfer, Cancelled, Failed, Mark };

// Legend entries that only show when the run has them.
// OnlyCode: a program's run, whose tasks are neither of Loop Lab's workloads.
enum LegendFlag { ShowWait = 1, ShowItem = 2, ShowTransfer = 4, ShowReentry = 8, ShowCode = 16, OnlyCode = 32 };

struct LegendItem
{
    QString name;
    QColor color;
    Swatch swatch;
};

// The words were the view's own before the legend had a class: they keep its context.
QVector<LegendItem> legendItems(int flags)
{
    QVector<LegendItem> items;
    if (!(flags & OnlyCode)) {
        items.append({Kinds::shortLabel(WorkKind::Io), Theme::workColor(WorkKind::Io), Swatch::Solid});
        items.append({Kinds::shortLabel(WorkKind::Cpu), Theme::workColor(WorkKind::Cpu), Swatch::Solid});
    }
    if (flags & ShowCode)
        items.append({Kinds::shortLabel(WorkKind::Code), Theme::workColor(WorkKind::Code), Swatch::Solid});
    if (flags & ShowItem)
        items.append({Kinds::shortLabel(WorkKind::Item), Theme::workColor(WorkKind::Item), Swatch::Solid});
    if (flags & ShowWait)
        items.append({Kinds::shortLabel(WorkKind::Wait), Theme::workColor(WorkKind::Wait), Swatch::Wait});
    items.append({QCoreApplication::translate("TimelineView", "queued"),
                  Theme::workColor(flags & OnlyCode ? WorkKind::Code : WorkKind::Io),
                  Swatch::Queued});
    if (flags & ShowTransfer)
        items.append({QCoreApplication::translate("TimelineView", "transfer"), Theme::transferColor(),
                      Swatch::Transfer});
    items.append({QCoreApplication::translate("TimelineView", "cancelled"), Theme::cancelledColor(),
                  Swatch::Cancelled});
    items.append({QCoreApplication::translate("TimelineView", "failed"), Theme::failedColor(), Swatch::Failed});
    if (flags & ShowReentry)
        items.append({QCoreApplication::translate("TimelineView", "re-entry"), Theme::counterColor(Counter::Reentry),
                      Swatch::Mark});
    return items;
}

constexpr int kLegendGap = 12;

int swatchSize(const QFontMetrics &fm)
{
    return qMax(8, fm.height() - 6);
}
} // namespace

int TimelineLegend::flags(const TimelineSnapshot &snapshot, bool programRun)
{
    int flags = programRun && !snapshot.seenOurs() ? ShowCode | OnlyCode : 0;
    if (snapshot.seenWait())
        flags |= ShowWait;
    if (snapshot.seenItem())
        flags |= ShowItem;
    if (snapshot.seenCode())
        flags |= snapshot.seenOurs() ? ShowCode : ShowCode | OnlyCode;
    if (snapshot.seenTransfer())
        flags |= ShowTransfer;
    if (!snapshot.counterSamples(Counter::Reentry).isEmpty())
        flags |= ShowReentry;
    return flags;
}

int TimelineLegend::left(const QFontMetrics &fm, int flags, int right)
{
    int total = -kLegendGap;
    for (const LegendItem &item : legendItems(flags))
        total += swatchSize(fm) + 4 + fm.horizontalAdvance(item.name) + kLegendGap;
    return right - total;
}

void TimelineLegend::paint(QPainter &p, int flags, int left, int widgetWidth)
{
    const QFontMetrics fm = p.fontMetrics();
    const int swatch = swatchSize(fm);
    const int top = 3;
    int x = left;
    p.fillRect(QRect(x - 6, 0, widgetWidth - x + 6, fm.height() + 5), Theme::backgroundColor());
    for (const LegendItem &item : legendItems(flags)) {
        const QRect r(x, top + (fm.height() - swatch) / 2, swatch, swatch);
        switch (item.swatch) {
        case Swatch::Solid:
            p.fillRect(r, item.color);
            break;
        case Swatch::Queued:
            p.fillRect(r, TimelineStyle::queuedTint(item.color));
            p.fillRect(r, TimelineStyle::queuedHatch(item.color));
            break;
        case Swatch::Wait:
            p.fillRect(r, TimelineStyle::waitBrush());
            break;
        case Swatch::Transfer:
            p.fillRect(r, TimelineStyle::transferBrush());
            break;
        case Swatch::Mark:
            p.save();
            p.setRenderHint(QPainter::Antialiasing, true);
            p.setPen(Qt::NoPen);
            p.setBrush(item.color);
            p.drawPolygon(TimelineStyle::reentryMark(r.center().x() + 0.5, r.bottom() - 1));
            p.restore();
            break;
        case Swatch::Cancelled:
        case Swatch::Failed:
            p.setPen(TimelineStyle::outlineOf(item.color));
            p.setBrush(item.color);
            p.drawRect(r.adjusted(0, 0, -1, -1));
            if (item.swatch == Swatch::Failed)
                p.fillRect(r.adjusted(1, 1, -1, -1), TimelineStyle::failedHatch());
            break;
        }
        x += swatch + 4;
        p.setPen(Theme::textColor());
        p.drawText(QPointF(x, top + fm.ascent()), item.name);
        x += fm.horizontalAdvance(item.name) + kLegendGap;
    }
}
