#include "charts/lagmapping.h"

#include <cmath>

bool LagMapping::isValid() const
{
    return x1 > x0 && y1 > y0 && size.width() > 0 && size.height() > 0 && (!logY || (y0 > 0 && logBase > 1));
}

QPointF LagMapping::map(const QPointF &p) const
{
    // Term for term as Qt Charts computes it, so rounding lands on the same pixels.
    const double deltaX = size.width() / (x1 - x0);
    const double x = (p.x() - x0) * deltaX;
    if (!logY) {
        const double deltaY = size.height() / (y1 - y0);
        return QPointF(x, size.height() - (p.y() - y0) * deltaY);
    }
    const double logBottom = std::log(y0) / std::log(logBase);
    const double logTop = std::log(y1) / std::log(logBase);
    const double deltaY = size.height() / std::abs(logTop - logBottom);
    return QPointF(x, size.height() - (std::log(p.y()) / std::log(logBase) - logBottom) * deltaY);
}

double LagMapping::pxPerSecond() const
{
    return x1 > x0 ? size.width() / (x1 - x0) : 0.0;
}

bool LagMapping::operator==(const LagMapping &other) const
{
    return x0 == other.x0 && x1 == other.x1 && y0 == other.y0 && y1 == other.y1 && logY == other.logY
           && logBase == other.logBase && size == other.size;
}
