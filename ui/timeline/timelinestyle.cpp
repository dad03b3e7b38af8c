#include "timeline/timelinestyle.h"

#include "style/theme.h"

#include <QImage>

namespace {
// A repeating tile of diagonal lines; denser than Qt's hatch patterns, which get lost in a
// bar a few pixels wide.
QBrush stripes(const QColor &line, const QColor &fill, int period, int lineWidth, bool cross)
{
    QImage tile(period, period, QImage::Format_ARGB32_Premultiplied);
    tile.fill(fill);
    for (int i = 0; i < period; ++i) {
        for (int w = 0; w < lineWidth; ++w) {
            tile.setPixelColor((i + w) % period, i, line);
            if (cross)
                tile.setPixelColor((i + w) % period, period - 1 - i, line);
        }
    }
    return QBrush(tile);
}
} // namespace

QColor TimelineStyle::withAlpha(QColor c, int alpha)
{
    c.setAlpha(alpha);
    return c;
}

QFont TimelineStyle::smallFont(const QFont &base)
{
    QFont f = base;
    if (f.pointSizeF() > 0)
        f.setPointSizeF(f.pointSizeF() * 0.85);
    else
        f.setPixelSize(qMax(8, f.pixelSize() * 85 / 100));
    return f;
}

QBrush TimelineStyle::queuedTint(const QColor &c)
{
    return withAlpha(c, 80);
}

QBrush TimelineStyle::queuedHatch(const QColor &c)
{
    return QBrush(withAlpha(c, 230), Qt::BDiagPattern);
}

QBrush TimelineStyle::failedHatch()
{
    return QBrush(QColor(255, 255, 255, 170), Qt::DiagCrossPattern);
}

const QBrush &TimelineStyle::waitBrush()
{
    static const QBrush brush = stripes(Theme::workColor(WorkKind::Wait),
                                        withAlpha(Theme::workColor(WorkKind::Wait), 110), 8, 1, true);
    return brush;
}

const QBrush &TimelineStyle::transferBrush()
{
    static const QBrush brush = stripes(Theme::transferColor(), withAlpha(Theme::transferColor(), 70), 6, 2, false);
    return brush;
}

QColor TimelineStyle::outlineOf(const QColor &c)
{
    return c.darker(170);
}

QPolygonF TimelineStyle::reentryMark(double x, double tipY)
{
    return QPolygonF({QPointF(x - 3.5, tipY - 5), QPointF(x + 3.5, tipY - 5), QPointF(x, tipY)});
}
