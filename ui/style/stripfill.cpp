#include "style/stripfill.h"

#include <QPainter>
#include <QPainterPath>
#include <QTransform>

#include <cmath>

QList<QRectF> StripFill::strips(const QRectF &rect, const QTransform &deviceTransform)
{
    if (deviceTransform.type() > QTransform::TxTranslate || rect.height() <= kMaxRows)
        return {rect};
    // Device y = logical y + dy: cut where the device row is whole.
    const double dy = deviceTransform.dy();
    QList<QRectF> pieces;
    double top = rect.top();
    for (double cut = std::floor(top + dy) + kMaxRows - dy; cut < rect.bottom(); cut += kMaxRows) {
        pieces.append(QRectF(rect.left(), top, rect.width(), cut - top));
        top = cut;
    }
    pieces.append(QRectF(rect.left(), top, rect.width(), rect.bottom() - top));
    return pieces;
}

void StripFill::fillRect(QPainter *painter, const QRectF &rect, const QBrush &brush)
{
    for (const QRectF &piece : strips(rect, painter->deviceTransform()))
        painter->fillRect(piece, brush);
}

void StripFill::fillRectAntialiased(QPainter *painter, const QRectF &rect, const QBrush &brush)
{
    for (const QRectF &piece : strips(rect, painter->deviceTransform())) {
        QPainterPath path;
        path.addRect(piece);
        painter->fillPath(path, brush);
    }
}
