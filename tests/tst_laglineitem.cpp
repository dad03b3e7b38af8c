#include "charts/laglineitem.h"
#include "charts/lagmapping.h"

#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QTest>

#include <cmath>

class TestLagLineItem : public QObject
{
    Q_OBJECT
private slots:
    void mapsLinear_data();
    void mapsLinear();
    void mapsLog_data();
    void mapsLog();
    void invalidMapsNothing();
    void drawsThePointsInView();
    void drawsNothingOutsideThePlot();
    void followsThePlotArea();
};

namespace {
// [10, 20] s across 1000 px, [0, 100] ms across 200 px.
LagMapping linear()
{
    LagMapping m;
    m.x0 = 10;
    m.x1 = 20;
    m.y0 = 0;
    m.y1 = 100;
    m.size = QSizeF(1000, 200);
    return m;
}

QImage render(QGraphicsScene &scene, QSize size)
{
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    scene.render(&painter, QRectF(QPointF(), size), QRectF(QPointF(), size));
    return image;
}

bool isBlank(const QImage &image, const QRect &area)
{
    for (int y = area.top(); y <= area.bottom(); ++y) {
        for (int x = area.left(); x <= area.right(); ++x) {
            if (image.pixel(x, y) != qRgb(255, 255, 255))
                return false;
        }
    }
    return true;
}
} // namespace

void TestLagLineItem::mapsLinear_data()
{
    QTest::addColumn<QPointF>("point");
    QTest::addColumn<QPointF>("pixel");
    QTest::newRow("bottom left") << QPointF(10, 0) << QPointF(0, 200);
    QTest::newRow("top right") << QPointF(20, 100) << QPointF(1000, 0);
    QTest::newRow("middle") << QPointF(15, 50) << QPointF(500, 100);
    QTest::newRow("left of the range") << QPointF(9, 10) << QPointF(-100, 180);
    QTest::newRow("above the range") << QPointF(12.5, 150) << QPointF(250, -100);
}

void TestLagLineItem::mapsLinear()
{
    QFETCH(QPointF, point);
    QFETCH(QPointF, pixel);
    const QPointF got = linear().map(point);
    QVERIFY2(std::abs(got.x() - pixel.x()) < 1e-9 && std::abs(got.y() - pixel.y()) < 1e-9,
             qPrintable(QStringLiteral("%1, %2").arg(got.x()).arg(got.y())));
}

void TestLagLineItem::mapsLog_data()
{
    QTest::addColumn<double>("ms");
    QTest::addColumn<double>("y");
    // 0.01 to 100 ms: four decades over 400 px.
    QTest::newRow("axis floor") << 0.01 << 400.0;
    QTest::newRow("1 ms") << 1.0 << 200.0;
    QTest::newRow("10 ms") << 10.0 << 100.0;
    QTest::newRow("top") << 100.0 << 0.0;
    QTest::newRow("half a decade") << std::sqrt(10.0) << 150.0;
}

void TestLagLineItem::mapsLog()
{
    QFETCH(double, ms);
    QFETCH(double, y);
    LagMapping m;
    m.x0 = 0;
    m.x1 = 4;
    m.y0 = 0.01;
    m.y1 = 100;
    m.logY = true;
    m.size = QSizeF(400, 400);
    QVERIFY(m.isValid());
    const QPointF got = m.map(QPointF(1, ms));
    QVERIFY(std::abs(got.x() - 100) < 1e-9);
    QVERIFY2(std::abs(got.y() - y) < 1e-9, qPrintable(QString::number(got.y())));
}

void TestLagLineItem::invalidMapsNothing()
{
    LagLineItem item;
    LagMapping m = linear();
    m.x1 = m.x0; // an empty range
    QVERIFY(!m.isValid());
    item.setLine({QPointF(10, 1), QPointF(11, 2)}, m);
    QCOMPARE(item.points().size(), 2);
    QVERIFY(item.pixelPoints().isEmpty());
    LagMapping log = linear();
    log.logY = true; // y0 = 0 has no logarithm
    QVERIFY(!log.isValid());
}

void TestLagLineItem::drawsThePointsInView()
{
    QGraphicsScene scene;
    auto *item = new LagLineItem;
    scene.addItem(item);
    const QRectF plot(20, 10, 200, 100);
    item->setPlotArea(plot);
    LagMapping m;
    m.x0 = 0;
    m.x1 = 10;
    m.y0 = 0;
    m.y1 = 10;
    m.size = plot.size();
    // A flat line at 5 ms from 2 s to 8 s.
    item->setLine({QPointF(2, 5), QPointF(8, 5)}, m);
    item->setPen(QPen(Qt::black, 1.0));
    QCOMPARE(item->pos(), plot.topLeft());
    QCOMPARE(item->pixelPoints(), (QList<QPointF>{QPointF(40, 50), QPointF(160, 50)}));

    const QImage image = render(scene, QSize(240, 120));
    // Drawn where the points map to, in scene coordinates, and not before or after them.
    QVERIFY(qGray(image.pixel(20 + 100, 10 + 50)) < 128);
    QVERIFY(qGray(image.pixel(20 + 41, 10 + 50)) < 128);
    QVERIFY(isBlank(image, QRect(20, 10 + 50 - 3, 18, 6)));
    QVERIFY(isBlank(image, QRect(20 + 163, 10 + 50 - 3, 30, 6)));
}

void TestLagLineItem::drawsNothingOutsideThePlot()
{
    QGraphicsScene scene;
    scene.setSceneRect(0, 0, 240, 140);
    auto *item = new LagLineItem;
    scene.addItem(item);
    const QRectF plot(20, 20, 200, 100);
    item->setPlotArea(plot);
    LagMapping m;
    m.x0 = 0;
    m.x1 = 10;
    m.y0 = 0;
    m.y1 = 10;
    m.size = plot.size();
    // From left of the range to far above it and out past the right: the decimator hands
    // over one neighbour on each side, and a spike can top the axis.
    item->setLine({QPointF(-5, 5), QPointF(3, 50), QPointF(6, 2), QPointF(15, -5)}, m);
    item->setPen(QPen(Qt::black, 3.0));
    QVERIFY(item->boundingRect().adjusted(-1, -1, 1, 1).contains(QRectF(QPointF(), plot.size())));
    QVERIFY(QRectF(QPointF(-1, -1), plot.size() + QSizeF(2, 2)).contains(item->boundingRect()));

    const QImage image = render(scene, QSize(240, 140));
    QVERIFY(!isBlank(image, plot.toRect()));
    // The series' clip, kept: half a pixel past the right and bottom edges, so a line along
    // them still shows; the pixel row and column just outside get at most that half.
    QVERIFY(isBlank(image, QRect(0, 0, 240, 20)));   // above
    QVERIFY(isBlank(image, QRect(0, 121, 240, 19))); // below
    QVERIFY(isBlank(image, QRect(0, 0, 20, 140)));   // left
    QVERIFY(isBlank(image, QRect(221, 0, 19, 140))); // right
}

void TestLagLineItem::followsThePlotArea()
{
    LagLineItem item;
    LagMapping m = linear();
    item.setPlotArea(QRectF(QPointF(5, 5), m.size));
    item.setLine({QPointF(15, 50)}, m);
    QCOMPARE(item.pixelPoints().constFirst(), QPointF(500, 100));
    // Half as wide and tall: the same point lands at half the distance.
    item.setPlotArea(QRectF(30, 40, 500, 100));
    QCOMPARE(item.pos(), QPointF(30, 40));
    QCOMPARE(item.mapping().size, QSizeF(500, 100));
    QCOMPARE(item.pixelPoints().constFirst(), QPointF(250, 50));
    QCOMPARE(item.points().constFirst(), QPointF(15, 50));
}

QTEST_MAIN(TestLagLineItem)
#include "tst_laglineitem.moc"
