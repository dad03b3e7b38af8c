#include "charts/latencychart.h"

#include "charts/lagdecimator.h"
#include "charts/referenceline.h"
#include "engine/recorder.h"
#include "stats/statistics.h"
#include "style/axisstep.h"
#include "style/chartstyle.h"
#include "style/theme.h"
#include "timeline/timeaxis.h"

#include <QElapsedTimer>
#include <QGraphicsLayout>
#include <QGraphicsLineItem>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
#include <QMouseEvent>
#include <QThread>
#include <QWheelEvent>
#include <QtCharts/QAreaSeries>
#include <QtCharts/QChart>
#include <QtCharts/QLegend>
#include <QtCharts/QLegendMarker>
#include <QtCharts/QLineSeries>
#include <QtCharts/QLogValueAxis>
#include <QtCharts/QValueAxis>

#include <algorithm>
#include <cmath>
#include <iterator>
#include <limits>

namespace {
// Below this the linear axis does not shrink, so sub-millisecond jitter is not blown up
// into what looks like lag.
constexpr double kFloorMs = 5.0;
constexpr double kHeadroom = 1.1;
// Roughly one x tick label per this many pixels.
constexpr double kPxPerXTick = 110.0;
constexpr double kLagPenWidth = 1.4;
const QMargins kMargins(4, 2, 10, 0);

// Qt Charts lays the whole chart out again on every setLabelFormat, even an unchanged one.
void setLabelFormat(QValueAxis *axis, const QString &format)
{
    if (axis->labelFormat() != format)
        axis->setLabelFormat(format);
}

// Whichever order keeps the tick count small in between: a whole-hour range with the live
// window's 1 s interval would lay out thousands of labels for nothing.
void setRangeAndInterval(QValueAxis *axis, double min, double max, double interval)
{
    if (interval >= axis->tickInterval()) {
        axis->setTickInterval(interval);
        axis->setRange(min, max);
    } else {
        axis->setRange(min, max);
        axis->setTickInterval(interval);
    }
}

} // namespace

LatencyChart::LatencyChart(QWidget *parent)
    : QChartView(parent)
{
    QChart *c = chart();
    ChartStyle::prepareView(this, kMargins, ChartStyle::adjusted(font(), 0, true), ChartStyle::adjusted(font(), -1),
                            Qt::AlignBottom);
    c->setTitle(tr("Event-loop lag (ticker lateness)"));
    setViewportUpdateMode(QGraphicsView::BoundingRectViewportUpdate);

    m_xAxis = ChartStyle::stepAxis();
    m_xAxis->setTitleText(tr("time (s)"));
    m_xAxis->setRange(0.0, m_visibleSeconds);
    m_xAxis->setTickInterval(1.0);
    ChartStyle::styleAxis(m_xAxis, ChartStyle::adjusted(font(), -1));
    c->addAxis(m_xAxis, Qt::AlignBottom);
    connect(m_xAxis, &QValueAxis::rangeChanged, this, &LatencyChart::onXRangeChanged);

    // Above the grid and axes, under every series, as the bands' area series were.
    m_bandsItem = new ModeBandsItem(c);
    m_bandsItem->setZValue(3.5);
    // Added first, so their legend entries come first.
    for (ExecMode mode : Kinds::allModes()) {
        ModeBand band;
        band.mode = mode;
        band.upper = new QLineSeries(this);
        band.area = new QAreaSeries(band.upper);
        band.area->setName(tr("mode: %1").arg(Kinds::shortLabel(mode)));
        band.area->setBrush(Theme::modeBandColor(mode));
        band.area->setPen(Qt::NoPen);
        c->addSeries(band.area);
        m_bands.append(band);
    }

    struct Reference
    {
        QString text;
        Qt::PenStyle style;
    };
    // By Statistics::kBandsMs, in its order.
    const Reference references[] = {
        {tr("16.7 ms · one frame"), Qt::DashLine},
        {tr("50 ms · long task"), Qt::DashLine},
        {tr("100 ms · input feels slow"), Qt::DashLine},
        {tr("200 ms · INP good limit"), Qt::DotLine},
        {tr("250 ms · hang"), Qt::DashDotLine},
        {tr("500 ms · INP poor limit"), Qt::DotLine},
    };
    static_assert(std::size(references) == Statistics::kBandsMs.size());
    for (size_t i = 0; i < std::size(references); ++i) {
        const Reference &r = references[i];
        Threshold line;
        line.visible = i < 3;
        line.line = ReferenceLine(c, Statistics::kBandsMs[i], r.text, ChartStyle::adjusted(font(), -1.5), r.style, 200);
        line.line.series()->setVisible(line.visible);
        m_references.append(line);
    }

    m_lagSeries = new QLineSeries(this);
    m_lagSeries->setName(tr("tick lateness"));
    c->addSeries(m_lagSeries);
    // Where the series' own item was: above the other series (Qt Charts puts them at z 4),
    // under the legend (5), the reference labels and the hover.
    m_lineItem = new LagLineItem(c);
    m_lineItem->setZValue(4.5);
    QPen lagPen(Theme::lagColor(), kLagPenWidth);
    lagPen.setJoinStyle(Qt::RoundJoin);
    setLagPen(lagPen);

    installYAxis();
    for (QAbstractSeries *series : c->series())
        series->attachAxis(m_xAxis);
    for (Threshold &r : m_references)
        r.line.hideFromLegend(c);
    for (const ModeBand &band : std::as_const(m_bands)) {
        // The band's own alpha is too faint for a legend swatch.
        QColor swatch = Theme::modeColor(band.mode);
        swatch.setAlpha(90);
        for (QLegendMarker *marker : c->legend()->markers(band.area)) {
            marker->setBrush(swatch);
            marker->setPen(Qt::NoPen);
        }
    }

    // The hover line and its label, above the series.
    m_hoverLine = new QGraphicsLineItem(c);
    m_hoverLine->setZValue(110);
    m_hoverLine->hide();
    m_hoverBackground = new QGraphicsRectItem(c);
    m_hoverBackground->setPen(Qt::NoPen);
    m_hoverBackground->setZValue(111);
    m_hoverBackground->hide();
    m_hoverLabel = new QGraphicsSimpleTextItem(c);
    m_hoverLabel->setFont(ChartStyle::adjusted(font(), -1));
    m_hoverLabel->setZValue(112);
    m_hoverLabel->hide();
    setMouseTracking(true);
    viewport()->setMouseTracking(true);

    connect(c, &QChart::plotAreaChanged, this, &LatencyChart::onPlotAreaChanged);
    rebuild();
}

LatencyChart::~LatencyChart() = default;

void LatencyChart::setRecorder(std::shared_ptr<const Recorder> recorder, qint64 originNs)
{
    m_recorder = std::move(recorder);
    m_originNs = originNs;
    m_nowNs = originNs;
    m_points.clear();
    m_pyramid.clear();
    m_firstTick = 0;
    m_cachedTicks = 0;
    m_decimated.clear();
    m_modeSwitches.clear();
    m_lastDecimation = Decimation();
    m_zoomed = false;
    pullTicks();
    rebuild();
}

void LatencyChart::refresh(qint64 nowNs)
{
    Q_ASSERT(QThread::currentThread() == thread());
    QElapsedTimer timer;
    timer.start();
    m_nowNs = nowNs;
    // Ticks coming in means a run going on: its range may hold within a pixel (rebuild).
    rebuild(pullTicks());
    m_lastUpdateNs = timer.nsecsElapsed();
    emit updated(m_lastUpdateNs);
}

void LatencyChart::setLive(bool live)
{
    m_live = live;
    m_zoomed = false;
    // Zooming a window that scrolls away every frame would be undone at once (linked, the
    // timeline leaves live first).
    setRubberBand(live && !m_linked ? QChartView::NoRubberBand : QChartView::HorizontalRubberBand);
    rebuild();
}

void LatencyChart::setShownRange(double startS, double endS)
{
    if (!(endS > startS))
        return;
    const bool first = !m_linked;
    m_linked = true;
    if (first)
        setRubberBand(QChartView::HorizontalRubberBand);
    if (!first && startS == m_linkStart && endS == m_linkEnd)
        return;
    m_linkStart = startS;
    m_linkEnd = endS;
    // Coalesced: a live frame refreshes the timeline first and then this chart, whose
    // refresh() rebuilds once for both; a rubber band is still changing the axes here.
    m_rebuildCall.schedule();
}

double LatencyChart::naturalPlotLeft() const
{
    return chart()->plotArea().left() - m_extraLeft;
}

double LatencyChart::naturalRightMargin() const
{
    return width() - chart()->plotArea().right() - m_extraRight;
}

void LatencyChart::setPlotEdges(int left, int rightMargin)
{
    const int extraLeft = qMax(0, int(std::ceil(left - naturalPlotLeft() - 1e-6)));
    const int extraRight = qMax(0, int(std::ceil(rightMargin - naturalRightMargin() - 1e-6)));
    if (extraLeft == m_extraLeft && extraRight == m_extraRight)
        return;
    m_extraLeft = extraLeft;
    m_extraRight = extraRight;
    chart()->setMargins(kMargins + QMargins(extraLeft, 0, extraRight, 0));
}

void LatencyChart::setHoverSeconds(double seconds)
{
    if (seconds == m_hoverSeconds)
        return;
    m_hoverSeconds = seconds;
    placeHover();
}

const QVector<ModeBandsItem::Band> &LatencyChart::modeBands() const
{
    return m_bandsItem->bands();
}

QString LatencyChart::hoverText() const
{
    return m_hoverLabel->isVisible() ? m_hoverLabel->text() : QString();
}

double LatencyChart::secondsAt(const QPointF &pos) const
{
    const QRectF plot = chart()->plotArea();
    if (!plot.isValid() || m_shownEnd <= m_shownStart)
        return -1;
    return m_shownStart + (pos.x() - plot.left()) / plot.width() * (m_shownEnd - m_shownStart);
}

double LatencyChart::lagAt(double seconds) const
{
    const double halfColumn = 0.5 * (m_shownEnd - m_shownStart) / std::max(1, plotColumns());
    double worst = std::numeric_limits<double>::quiet_NaN();
    double nearestGap = std::numeric_limits<double>::infinity();
    double nearest = worst;
    for (const QVector<QPointF> *points : {&m_decimated, &m_points}) {
        const auto begin = points->cbegin();
        const auto end = points->cend();
        auto it = std::lower_bound(begin, end, seconds - halfColumn,
                                   [](const QPointF &p, double x) { return p.x() < x; });
        for (; it != end && it->x() <= seconds + halfColumn; ++it)
            worst = std::isnan(worst) ? it->y() : std::max(worst, it->y());
        // Otherwise the tick nearest to the cursor, on either side of it.
        for (auto near : {it, it == begin ? it : it - 1}) {
            if (near != end && std::abs(near->x() - seconds) < nearestGap) {
                nearestGap = std::abs(near->x() - seconds);
                nearest = near->y();
            }
        }
    }
    return std::isnan(worst) ? nearest : worst;
}

void LatencyChart::placeHover()
{
    const QRectF plot = chart()->plotArea();
    const bool show = m_hoverSeconds >= 0 && plot.isValid() && m_hoverSeconds >= m_shownStart
                      && m_hoverSeconds <= m_shownEnd && m_shownEnd > m_shownStart;
    m_hoverLine->setVisible(show);
    m_hoverLabel->setVisible(show);
    m_hoverBackground->setVisible(show);
    if (!show)
        return;
    const double x = std::floor(plot.left() + (m_hoverSeconds - m_shownStart) / (m_shownEnd - m_shownStart)
                                * plot.width()) + 0.5;
    QPen pen(Theme::textColor(), 1.0, Qt::DashLine);
    pen.setCosmetic(true);
    m_hoverLine->setPen(pen);
    m_hoverLine->setLine(x, plot.top(), x, plot.bottom());

    const double span = m_shownEnd - m_shownStart;
    const int decimals = span >= 100 ? 1 : span >= 1 ? 2 : 4;
    const double lag = lagAt(m_hoverSeconds);
    QString text = tr("%1 s").arg(QString::number(m_hoverSeconds, 'f', decimals));
    if (!std::isnan(lag))
        text = tr("%1 · lag %2 ms").arg(text, Statistics::formatMs(std::max(0.0, lag)));
    m_hoverLabel->setText(text);
    m_hoverLabel->setBrush(Theme::textColor());
    const QRectF box = m_hoverLabel->boundingRect();
    // Right of the line, or left of it near the plot's right edge.
    double left = x + 6;
    if (left + box.width() + 4 > plot.right())
        left = x - 6 - box.width();
    const double top = plot.top() + 4;
    m_hoverLabel->setPos(left, top);
    QColor veil = Theme::backgroundColor();
    veil.setAlpha(225);
    m_hoverBackground->setBrush(veil);
    m_hoverBackground->setRect(QRectF(left - 3, top - 1, box.width() + 6, box.height() + 2));
}

void LatencyChart::mouseMoveEvent(QMouseEvent *event)
{
    const QRectF plot = chart()->plotArea();
    const double s = plot.contains(event->position()) ? secondsAt(event->position()) : -1;
    setHoverSeconds(s);
    emit hovered(s);
    QChartView::mouseMoveEvent(event);
}

void LatencyChart::leaveEvent(QEvent *event)
{
    setHoverSeconds(-1);
    emit hovered(-1);
    QChartView::leaveEvent(event);
}

void LatencyChart::wheelEvent(QWheelEvent *event)
{
    const QPoint delta = event->angleDelta();
    const int steps = delta.y() ? delta.y() : delta.x();
    if (!m_linked || steps == 0 || (event->modifiers() & Qt::ShiftModifier)) {
        event->ignore(); // the window scrolls, if it can
        return;
    }
    const QRectF plot = chart()->plotArea();
    const QPointF pos(qBound(plot.left(), event->position().x(), plot.right()), plot.center().y());
    emit zoomRequested(secondsAt(pos), TimeAxis::wheelFactor(steps));
    event->accept();
}

bool LatencyChart::isLive() const
{
    return m_live;
}

void LatencyChart::setVisibleSeconds(double seconds)
{
    if (!(seconds > 0))
        return;
    m_visibleSeconds = seconds;
    if (m_live)
        rebuild();
}

double LatencyChart::visibleSeconds() const
{
    return m_visibleSeconds;
}

void LatencyChart::setLogScale(bool on)
{
    if (on == m_logScale)
        return;
    m_logScale = on;
    installYAxis();
    rebuild();
}

bool LatencyChart::isLogScale() const
{
    return m_logScale;
}

void LatencyChart::setThresholdVisible(int bandIndex, bool on)
{
    if (bandIndex < 0 || bandIndex >= m_references.size())
        return;
    Threshold &r = m_references[bandIndex];
    if (r.visible == on)
        return;
    r.visible = on;
    r.line.series()->setVisible(on);
    r.line.hideFromLegend(chart());
    placeReferenceLabels();
}

bool LatencyChart::isThresholdVisible(int bandIndex) const
{
    return bandIndex >= 0 && bandIndex < m_references.size() && m_references.at(bandIndex).visible;
}

double LatencyChart::yMaxMs() const
{
    return m_yMaxMs;
}

int LatencyChart::plottedPointCount() const
{
    return int(m_lineItem->points().size());
}

const QList<QPointF> &LatencyChart::plottedPoints() const
{
    return m_lineItem->points();
}

int LatencyChart::heldPointCount() const
{
    return int(m_points.size() + m_decimated.size());
}

qint64 LatencyChart::lastUpdateNs() const
{
    return m_lastUpdateNs;
}

void LatencyChart::mousePressEvent(QMouseEvent *event)
{
    // Claimed here so the release that resets the zoom comes to this view.
    if (event->button() == Qt::RightButton && (!m_live || m_linked)) {
        event->accept();
        return;
    }
    QChartView::mousePressEvent(event);
}

void LatencyChart::mouseReleaseEvent(QMouseEvent *event)
{
    if (event->button() == Qt::RightButton && (!m_live || m_linked)) {
        resetZoom();
        event->accept();
        return;
    }
    QChartView::mouseReleaseEvent(event);
}

void LatencyChart::mouseDoubleClickEvent(QMouseEvent *event)
{
    if (!m_live || m_linked) {
        resetZoom();
        event->accept();
        return;
    }
    QChartView::mouseDoubleClickEvent(event);
}

bool LatencyChart::pullTicks()
{
    if (!m_recorder)
        return false;
    followDecimation();
    const quint32 count = m_recorder->tickCount();
    if (count <= m_cachedTicks)
        return false;
    for (quint32 i = m_cachedTicks; i < count; ++i)
        m_points.append(LagDecimator::toPoint(m_recorder->tick(i), m_originNs));
    m_cachedTicks = count;
    m_pyramid.append(m_points.constData(), m_points.size());
    return true;
}

void LatencyChart::followDecimation()
{
    const quint32 first = m_recorder->firstTick();
    if (first <= m_firstTick)
        return;
    const quint32 dropped = qMin(first - m_firstTick, quint32(m_points.size()));
    m_points.remove(0, qsizetype(dropped));
    m_pyramid.dropFront(m_points.constData(), m_points.size(), qsizetype(dropped));
    m_firstTick = first;
    m_cachedTicks = qMax(m_cachedTicks, first);

    // A point at each interval's start for its fewest lateness and one at its worst tick: the
    // pixel columns' min/max then draw the old spikes as the raw ticks did.
    const QVector<DecimatedHistory::Interval> intervals = m_recorder->decimatedIntervals();
    m_decimated.clear();
    m_decimated.reserve(2 * intervals.size());
    for (const DecimatedHistory::Interval &interval : intervals) {
        if (interval.count == 0)
            continue;
        m_decimated.append(QPointF(double(interval.startNs - m_originNs) / 1e9, double(interval.minLateNs) / 1e6));
        m_decimated.append(LagDecimator::toPoint(interval.worst, m_originNs));
    }
    // A worst tick handled late may land past the next interval's start.
    std::stable_sort(m_decimated.begin(), m_decimated.end(),
                     [](const QPointF &a, const QPointF &b) { return a.x() < b.x(); });
}

void LatencyChart::rebuild(bool holdWithinPixel)
{
    m_rebuildCall.cancel();
    if (m_recorder)
        m_modeSwitches = m_recorder->modeSwitches();

    const int columns = plotColumns();
    const bool sameColumns = columns == m_lastColumns;
    m_lastColumns = columns;

    double x0 = 0;
    double x1 = 1;
    if (m_linked) {
        x0 = m_linkStart;
        x1 = m_linkEnd;
    } else if (m_live) {
        x1 = std::max(endSeconds(), m_visibleSeconds);
        x0 = x1 - m_visibleSeconds;
    } else if (m_zoomed) {
        x0 = m_zoomStart;
        x1 = m_zoomEnd;
    } else {
        const double end = endSeconds();
        x1 = end > 0 ? end : 1.0;
    }
    // A running run's frame whose range moved by less than a pixel (an hour in view grows
    // by a hundredth of a pixel a frame) keeps the range it has: the axes are not laid out
    // again and the line only changes where new ticks landed. Those past the end share the
    // decimator's column after it, drawn at the plot's right edge, and still count for the
    // y range; the next whole pixel brings the axis along. The window's last refresh of a
    // run brings no new tick, so it shows the exact range.
    const double dataEnd = x1;
    if (holdWithinPixel && sameColumns && m_shownEnd > m_shownStart && x1 >= m_shownEnd) {
        const double pxPerS = columns / (m_shownEnd - m_shownStart);
        if (std::abs(x0 - m_shownStart) * pxPerS < 1.0 && (x1 - m_shownEnd) * pxPerS < 1.0) {
            x0 = m_shownStart;
            x1 = m_shownEnd;
        }
    }

    // Only the visible slice, plus one neighbour each side so the line reaches the edges.
    auto slice = [x0, x1 = dataEnd](const QVector<QPointF> &points) {
        const QPointF *begin = points.constData();
        const QPointF *end = begin + points.size();
        const QPointF *first = std::lower_bound(begin, end, x0,
                                                [](const QPointF &p, double x) { return p.x() < x; });
        const QPointF *last = std::upper_bound(first, end, x1,
                                               [](double x, const QPointF &p) { return x < p.x(); });
        if (first != begin)
            --first;
        if (last != end)
            ++last;
        return std::make_pair(first - begin, last - begin);
    };

    const LagDecimator decimator(x0, x1, columns);
    const auto [first, last] = slice(m_points);
    Decimation &d = m_lastDecimation;
    const bool resume = d.valid && d.x0 == x0 && d.x1 == x1 && d.columns == columns && d.logScale == m_logScale
                        && d.firstTick == m_firstTick && d.first == first && d.last <= last
                        && d.resume.index >= first;
    QList<QPointF> plotted;
    if (resume) {
        plotted = d.plotted;
        plotted.resize(d.resume.outSize);
        decimator.decimate(m_points.constData(), d.resume.index, last, m_pyramid, &plotted, &d.resume);
    } else {
        plotted.reserve(decimator.maxPoints());
        // The decimated part first (a few thousand points at most, one pass), then the raw ticks.
        if (!m_decimated.isEmpty()) {
            const auto [dFirst, dLast] = slice(m_decimated);
            decimator.decimate(m_decimated.constData() + dFirst, m_decimated.constData() + dLast, &plotted);
        }
        d.resume = LagDecimator::Resume();
        decimator.decimate(m_points.constData(), first, last, m_pyramid, &plotted, &d.resume);
    }

    double observedMax = 0;
    for (QPointF &p : plotted) {
        if (p.x() >= x0 && p.x() <= dataEnd)
            observedMax = std::max(observedMax, p.y());
        if (m_logScale && p.y() < ChartStyle::kLogMinMs)
            p.setY(ChartStyle::kLogMinMs);
    }
    const double wanted = std::max(kFloorMs, observedMax * kHeadroom);
    d.valid = d.resume.index >= 0;
    d.x0 = x0;
    d.x1 = x1;
    d.columns = columns;
    d.logScale = m_logScale;
    d.firstTick = m_firstTick;
    d.first = first;
    d.last = last;
    d.plotted = plotted;

    double yMin = 0;
    double yMax = 0;
    m_applyingRange = true;
    if (m_logScale) {
        yMin = ChartStyle::kLogAxisMinMs;
        yMax = std::pow(10.0, std::ceil(std::log10(wanted) - 1e-9));
        m_yAxis->setRange(yMin, yMax);
    } else {
        auto *axis = static_cast<QValueAxis *>(m_yAxis);
        const double step = AxisStep::nice(wanted / 5.0);
        yMax = std::ceil(wanted / step - 1e-9) * step;
        setRangeAndInterval(axis, yMin, yMax, step);
        setLabelFormat(axis, AxisStep::labelFormat(step));
    }
    const double xTicks = std::max(2.0, columns / kPxPerXTick);
    const double xStep = AxisStep::nice((x1 - x0) / xTicks);
    setRangeAndInterval(m_xAxis, x0, x1, xStep);
    setLabelFormat(m_xAxis, AxisStep::labelFormat(xStep));
    m_shownStart = x0;
    m_shownEnd = x1;
    m_applyingRange = false;
    m_yMaxMs = yMax;

    // More points than pixel columns: the min/max zigzag reads as a band, and a 1 px cosmetic
    // line takes the raster engine's fast path instead of stroking thousands of round joins.
    const bool dense = plotted.size() > columns;
    QPen pen = m_lineItem->pen();
    if (pen.isCosmetic() != dense) {
        pen.setCosmetic(dense);
        pen.setWidthF(dense ? 1.0 : kLagPenWidth);
        setLagPen(pen);
    }
    LagMapping mapping;
    mapping.x0 = x0;
    mapping.x1 = x1;
    mapping.y0 = yMin;
    mapping.y1 = yMax;
    mapping.logY = m_logScale;
    if (m_logScale)
        mapping.logBase = static_cast<QLogValueAxis *>(m_yAxis)->base();
    const QRectF plot = chart()->plotArea();
    mapping.size = plot.size();
    m_lineItem->setPos(plot.topLeft());
    m_lineItem->setLine(std::move(plotted), mapping);
    updateBands(x0, x1);
    for (Threshold &r : m_references)
        r.line.setSpan(x0, x1);
    placeReferenceLabels();
    placeHover();
}

void LatencyChart::resetZoom()
{
    if (m_linked) {
        emit wholeRunRequested();
        return;
    }
    if (!m_zoomed)
        return;
    m_zoomed = false;
    rebuild();
}

void LatencyChart::installYAxis()
{
    QChart *c = chart();
    const QList<QAbstractSeries *> series = c->series();
    m_applyingRange = true;
    if (m_yAxis) {
        for (QAbstractSeries *s : series)
            s->detachAxis(m_yAxis);
        c->removeAxis(m_yAxis);
        delete m_yAxis;
    }
    if (m_logScale) {
        m_yAxis = ChartStyle::logAxis(ChartStyle::kLogAxisMinMs, 10.0);
    } else {
        QValueAxis *axis = ChartStyle::stepAxis();
        axis->setRange(0.0, kFloorMs);
        axis->setTickInterval(1.0);
        m_yAxis = axis;
    }
    m_yAxis->setTitleText(tr("tick lateness (ms)"));
    ChartStyle::styleAxis(m_yAxis, ChartStyle::adjusted(font(), -1));
    c->addAxis(m_yAxis, Qt::AlignLeft);

    // A log axis cannot take the zero and negative values a linear one holds: bring every
    // series within range before attaching, or Qt Charts warns for each point.
    const double low = m_logScale ? ChartStyle::kLogMinMs : 0.0;
    QList<QPointF> lag = m_lagSeries ? m_lagSeries->points() : QList<QPointF>();
    for (QPointF &p : lag)
        p.setY(std::max(p.y(), low));
    if (m_lagSeries)
        m_lagSeries->replace(lag);
    for (ModeBand &band : m_bands) {
        QList<QPointF> step = band.upper->points();
        for (QPointF &p : step)
            p.setY(std::max(p.y(), low));
        band.upper->replace(step);
    }
    for (QAbstractSeries *s : series)
        s->attachAxis(m_yAxis);
    m_applyingRange = false;
}

void LatencyChart::onXRangeChanged(double min, double max)
{
    if (m_applyingRange || (m_live && !m_linked))
        return;
    // Qt Charts re-emits the range when axes are rearranged; only a real change is a zoom.
    const double tolerance = 1e-9 * std::max(1.0, std::abs(m_shownEnd - m_shownStart));
    if (std::abs(min - m_shownStart) <= tolerance && std::abs(max - m_shownEnd) <= tolerance)
        return;
    if (m_linked) { // the timeline takes the range and hands it back through setShownRange
        m_shownStart = min;
        m_shownEnd = max;
        emit rangeSelected(min, max);
        return;
    }
    m_zoomed = true;
    m_zoomStart = min;
    m_zoomEnd = max;
    // The rubber band is still changing the axes; decimate for the new range afterwards.
    m_rebuildCall.schedule();
}

void LatencyChart::onPlotAreaChanged()
{
    m_lineItem->setPlotArea(chart()->plotArea());
    m_bandsItem->setPlotArea(chart()->plotArea());
    placeReferenceLabels();
    placeHover();
    emit plotAreaMoved();
    if (plotColumns() != m_lastColumns)
        m_rebuildCall.schedule();
}

void LatencyChart::placeReferenceLabels()
{
    QChart *c = chart();
    const QRectF plot = c->plotArea();
    // Top down, so a label that would cover the one above it (200 and 250 ms on a log axis)
    // moves left of it instead.
    QVector<QRectF> placed;
    for (auto it = m_references.rbegin(); it != m_references.rend(); ++it) {
        ReferenceLine &r = it->line;
        const bool inside = it->visible && plot.isValid() && r.ms() >= (m_logScale ? ChartStyle::kLogMinMs : 0.0)
                            && r.ms() <= m_yMaxMs;
        r.setLabelVisible(inside);
        if (!inside)
            continue;
        const double lineY = c->mapToPosition(QPointF(m_shownEnd, r.ms()), r.series()).y();
        const QRectF text = r.labelBounds();
        const QPointF at = r.labelPosAtRight(plot, lineY);
        double x = at.x();
        const double y = at.y();
        for (bool moved = true; moved;) {
            moved = false;
            for (const QRectF &other : std::as_const(placed)) {
                if (QRectF(x - 3, y, text.width() + 6, text.height()).intersects(other)) {
                    x = other.left() - text.width() - 12;
                    moved = true;
                }
            }
        }
        r.placeLabel(QPointF(x, y), 3);
        placed.append(r.veilRect());
    }
}

void LatencyChart::updateBands(double x0, double x1)
{
    const int n = int(m_modeSwitches.size());
    // The last mode lasts until now, not to the edge of a live window that runs ahead.
    const double end = endSeconds();
    QVector<ModeBandsItem::Band> shown;
    quint32 presentModes = 0;
    for (int i = 0; i < n; ++i) {
        const ExecMode mode = m_modeSwitches.at(i).mode;
        presentModes |= 1u << int(mode);
        const double a = std::max(double(m_modeSwitches.at(i).ns - m_originNs) / 1e9, x0);
        const double b = std::min(i + 1 < n ? double(m_modeSwitches.at(i + 1).ns - m_originNs) / 1e9 : end, x1);
        if (b > a)
            shown.append({mode, a, b});
    }
    m_bandsItem->setBands(std::move(shown), x0, x1, chart()->plotArea());
    bool legendChanged = false;
    for (ModeBand &band : m_bands) {
        const bool present = presentModes & (1u << int(band.mode));
        for (QLegendMarker *marker : chart()->legend()->markers(band.area)) {
            if (marker->isVisible() != present) {
                marker->setVisible(present);
                legendChanged = true;
            }
        }
    }
    // The legend does not lay itself out again when a marker appears; without this the new
    // marker is drawn over its neighbour.
    if (legendChanged && chart()->legend()->layout())
        chart()->legend()->layout()->invalidate();
}

int LatencyChart::plotColumns() const
{
    const double width = chart()->plotArea().width();
    if (width >= 16)
        return int(width);
    // Not laid out yet: guess from the widget, the next plotAreaChanged corrects it.
    return std::max(100, this->width() - 80);
}

double LatencyChart::endSeconds() const
{
    const double now = m_nowNs > m_originNs ? double(m_nowNs - m_originNs) / 1e9 : 0.0;
    // Live follows the clock; the whole-run view must also hold every recorded tick.
    if (m_live && now > 0)
        return now;
    if (!m_points.isEmpty())
        return std::max(now, m_points.constLast().x());
    return m_decimated.isEmpty() ? now : std::max(now, m_decimated.constLast().x());
}

void LatencyChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (Theme::isThemeChange(event))
        applyTheme();
}

void LatencyChart::applyTheme()
{
    ChartStyle::applyTheme(chart());
    setBackgroundBrush(Theme::backgroundColor());
    for (const ModeBand &band : std::as_const(m_bands))
        band.area->setBrush(Theme::modeBandColor(band.mode));
    m_bandsItem->update();
    for (Threshold &r : m_references)
        r.line.applyTheme();
    QPen lagPen = m_lineItem->pen();
    lagPen.setColor(Theme::lagColor());
    setLagPen(lagPen);
}

void LatencyChart::setLagPen(const QPen &pen)
{
    // The series keeps the pen for its legend marker.
    m_lagSeries->setPen(pen);
    m_lineItem->setPen(pen);
}
