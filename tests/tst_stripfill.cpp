#include "style/stripfill.h"

#include <QImage>
#include <QPainter>
#include <QPainterPath>
#include <QTest>
#include <QTransform>

#include <cmath>

class TestStripFill : public QObject
{
    Q_OBJECT
private slots:
    void cutsOnWholeDeviceRows_data();
    void cutsOnWholeDeviceRows();
    void shortOrScaledStaysWhole();
    void samePixelsAsOneFill_data();
    void samePixelsAsOneFill();
};

void TestStripFill::cutsOnWholeDeviceRows_data()
{
    QTest::addColumn<double>("dy");
    QTest::newRow("no offset") << 0.0;
    QTest::newRow("quarter") << 0.25;
    QTest::newRow("half") << 0.5;
    QTest::newRow("whole and a bit") << 7.4;
    QTest::newRow("negative") << -3.6;
}

void TestStripFill::cutsOnWholeDeviceRows()
{
    QFETCH(double, dy);
    const QRectF rect(10.3, 5.6, 40.7, 300.45);
    const QList<QRectF> pieces = StripFill::strips(rect, QTransform::fromTranslate(2.5, dy));
    QVERIFY(pieces.size() >= 300 / StripFill::kMaxRows);
    QCOMPARE(pieces.first().top(), rect.top());
    QCOMPARE(pieces.last().bottom(), rect.bottom());
    for (qsizetype i = 0; i < pieces.size(); ++i) {
        QCOMPARE(pieces.at(i).left(), rect.left());
        QCOMPARE(pieces.at(i).width(), rect.width());
        QVERIFY2(pieces.at(i).height() > 0 && pieces.at(i).height() <= StripFill::kMaxRows + 1e-9,
                 qPrintable(QString::number(pieces.at(i).height())));
        if (i > 0) {
            QCOMPARE(pieces.at(i).top(), pieces.at(i - 1).bottom());
            const double deviceRow = pieces.at(i).top() + dy;
            QVERIFY2(std::abs(deviceRow - std::round(deviceRow)) < 1e-9, qPrintable(QString::number(deviceRow)));
        }
    }
}

void TestStripFill::shortOrScaledStaysWhole()
{
    const QRectF rect(0, 0.5, 10, 300);
    QCOMPARE(StripFill::strips(QRectF(0, 0.5, 10, 64), QTransform()), QList<QRectF>{QRectF(0, 0.5, 10, 64)});
    QCOMPARE(StripFill::strips(rect, QTransform::fromScale(2, 2)), QList<QRectF>{rect});
}

void TestStripFill::samePixelsAsOneFill_data()
{
    QTest::addColumn<bool>("antialiased");
    QTest::addColumn<double>("dy");
    for (bool aa : {false, true}) {
        for (double dy : {0.0, 0.3, 0.5, 11.75}) {
            const QByteArray name = (aa ? "antialiased, dy " : "aliased, dy ") + QByteArray::number(dy);
            QTest::newRow(name.constData()) << aa << dy;
        }
    }
}

// Translucent, on a fractional rectangle and offset: the strips' pixels are one fill's.
void TestStripFill::samePixelsAsOneFill()
{
    QFETCH(bool, antialiased);
    QFETCH(double, dy);
    const QRectF rect(10.3, 5.6, 40.7, 300.45);
    const QColor color(30, 120, 255, 90);
    auto draw = [&](bool strips) {
        QImage image(80, 340, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::white);
        QPainter painter(&image);
        painter.setRenderHint(QPainter::Antialiasing, antialiased);
        painter.translate(1.5, dy);
        if (strips && antialiased)
            StripFill::fillRectAntialiased(&painter, rect, color);
        else if (strips)
            StripFill::fillRect(&painter, rect, color);
        else if (antialiased) {
            QPainterPath path;
            path.addRect(rect);
            painter.fillPath(path, color);
        } else {
            painter.fillRect(rect, color);
        }
        return image;
    };
    const QImage one = draw(false);
    const QImage strips = draw(true);
    QVERIFY(one.pixel(30, 150) != qRgb(255, 255, 255)); // something was drawn
    for (int y = 0; y < one.height(); ++y) {
        for (int x = 0; x < one.width(); ++x) {
            if (one.pixel(x, y) != strips.pixel(x, y))
                QFAIL(qPrintable(QStringLiteral("pixel %1,%2: %3 vs %4").arg(x).arg(y)
                                     .arg(one.pixel(x, y), 8, 16).arg(strips.pixel(x, y), 8, 16)));
        }
    }
}

QTEST_MAIN(TestStripFill)
#include "tst_stripfill.moc"
