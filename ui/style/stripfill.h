#pragma once

#include <QList>
#include <QRectF>

class QBrush;
class QPainter;
class QTransform;

// Tall fills in strips of at most 64 device rows. Qt's raster engine hands a fill of more
// than ~96 rows to its GUI thread pool and waits for it (QT_THREAD_PARALLEL_FILLS in
// qdrawhelper.cpp); on a busy two-core machine the hand-off costs far more than the fill,
// and the painting thread is the one being measured. The strips meet on whole device
// rows, so every pixel gets the colour one fill would give it.
namespace StripFill {
constexpr int kMaxRows = 64;

void fillRect(QPainter *painter, const QRectF &rect, const QBrush &brush);
// As fillPath() of the rectangle: its fractional edges antialiased.
void fillRectAntialiased(QPainter *painter, const QRectF &rect, const QBrush &brush);

// The strips rect is cut into under deviceTransform; rect itself when it is short or the
// transform does more than translate.
QList<QRectF> strips(const QRectF &rect, const QTransform &deviceTransform);
} // namespace StripFill
