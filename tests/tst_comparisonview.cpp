#include "compare/comparedialog.h"
#include "run/comparison.h"
#include "compare/comparisonexporter.h"
#include "compare/comparisonview.h"
#include "engine/recorder.h"
#include "style/theme.h"

#include <QHeaderView>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QImage>
#include <QSet>
#include <QSignalSpy>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QSpinBox>
#include <QTest>

#include <QtCharts/QAreaSeries>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLineSeries>

namespace {
// Distinct colours in a region; a flat or blank rendering has one or two.
int colourCount(const QImage &image, const QRect &region)
{
    QSet<QRgb> colours;
    const QRect r = region.intersected(image.rect());
    for (int y = r.top(); y <= r.bottom(); y += 3) {
        for (int x = r.left(); x <= r.right(); x += 3)
            colours.insert(image.pixel(x, y));
    }
    return int(colours.size());
}

bool hasColour(const QImage &image, const QColor &colour)
{
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            if (image.pixelColor(x, y).rgb() == colour.rgb())
                return true;
        }
    }
    return false;
}

QList<QLineSeries *> modeLines(QChart *chart)
{
    QList<QLineSeries *> lines;
    for (QAbstractSeries *s : chart->series()) {
        auto *line = qobject_cast<QLineSeries *>(s);
        if (line && !line->name().contains(QLatin1String(" ms")))
            lines << line;
    }
    return lines;
}
} // namespace

class tst_ComparisonView : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void showsBothRuns();
    void logScaleToggles();
    void rendersAtExportSize();
    void emptyResults();
    void dialogFitsItsScreen();

private:
    QVector<Comparison::Result> m_results;
    RunConfig m_base;
};

void tst_ComparisonView::initTestCase()
{
    m_base.work = WorkKind::Io;
    m_base.ioMs = 100;
    m_base.periodMs = 200;
    m_base.workers = 4;
    m_base.durationS = 0.8;
    Comparison comparison;
    comparison.setConfig(m_base);
    comparison.setModes({ExecMode::Inline, ExecMode::Pool});
    QSignalSpy finished(&comparison, &Comparison::finished);
    QVERIFY(comparison.start());
    QVERIFY(finished.wait(15000));
    m_results = comparison.results();
    QCOMPARE(m_results.size(), 2);
}

void tst_ComparisonView::showsBothRuns()
{
    ComparisonView view;
    view.resize(1400, 900);
    view.setResults(m_results, m_base);
    view.show();
    QVERIFY(QTest::qWaitForWindowExposed(&view));

    QTableWidget *table = view.table();
    QCOMPARE(table->rowCount(), 2);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("inline"));
    QCOMPARE(table->item(1, 0)->text(), QStringLiteral("pool"));
    QCOMPARE(table->item(0, 3)->text(), Comparison::formatMs(m_results.at(0).summary.p99Ms));
    QCOMPARE(table->item(1, 10)->text(), m_results.at(1).summary.verdict);
    // Every row fits: the table never scrolls.
    QTRY_VERIFY(table->height() >= table->horizontalHeader()->height() + table->rowHeight(0) + table->rowHeight(1));

    QVERIFY(view.verdictText().startsWith(QStringLiteral("Worst p99: inline ")));
    const QList<QLineSeries *> lines = modeLines(view.lagChart()->chart());
    QCOMPARE(lines.size(), 2);
    for (QLineSeries *line : lines) {
        QVERIFY(line->count() > 10);
        // Decimated to at most two points per pixel column of the plot.
        QVERIFY(line->count() <= 2 * (int(view.lagChart()->chart()->plotArea().width()) + 2));
    }
    int areas = 0;
    for (QAbstractSeries *s : view.histogramChart()->chart()->series())
        areas += qobject_cast<QAreaSeries *>(s) ? 1 : 0;
    QCOMPARE(areas, 2);

    const QImage image = view.grab().toImage();
    QCOMPARE(image.size(), view.size() * image.devicePixelRatio());
    QVERIFY(colourCount(image, image.rect()) > 50);
    QVERIFY(colourCount(image, view.lagChart()->geometry()) > 10);
    QVERIFY(colourCount(image, view.histogramChart()->geometry()) > 10);
}

void tst_ComparisonView::logScaleToggles()
{
    ComparisonView view;
    view.resize(1200, 800);
    view.setResults(m_results, m_base);
    QVERIFY(view.isLogScale());
    view.setLogScale(false);
    QVERIFY(!view.isLogScale());
    QCOMPARE(modeLines(view.lagChart()->chart()).size(), 2);
    view.setLogScale(true);
    QCOMPARE(modeLines(view.lagChart()->chart()).size(), 2);
}

void tst_ComparisonView::rendersAtExportSize()
{
    const QImage image = ComparisonExporter::render(m_results, m_base, QSize(1600, 1000));
    QCOMPARE(image.size(), QSize(1600, 1000));
    QVERIFY(colourCount(image, image.rect()) > 50);
    QVERIFY(hasColour(image, Theme::modeColor(ExecMode::Inline)));
    QVERIFY(hasColour(image, Theme::modeColor(ExecMode::Pool)));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("compare.png"));
    QString error;
    QVERIFY2(ComparisonExporter::exportPng(m_results, m_base, path, QSize(1600, 1000), &error), qPrintable(error));
    QImage saved(path);
    QCOMPARE(saved.size(), QSize(1600, 1000));
    QVERIFY(!ComparisonExporter::exportPng(m_results, m_base, dir.filePath(QStringLiteral("missing/x.png")),
                                           QSize(1600, 1000), &error));
    QVERIFY(!error.isEmpty());

    // The headless export's bytes (ComparisonExporter::encodePng is Launcher's entry to them).
    QByteArray png;
    error.clear();
    QVERIFY2(ComparisonExporter::encodePng(m_results, m_base, QSize(800, 500), &png, &error), qPrintable(error));
    const QImage decoded = QImage::fromData(png, "PNG");
    QCOMPARE(decoded.size(), QSize(800, 500));
    QVERIFY(colourCount(decoded, decoded.rect()) > 50);
}

void tst_ComparisonView::emptyResults()
{
    ComparisonView view;
    view.resize(800, 600);
    view.setResults({}, m_base);
    QCOMPARE(view.table()->rowCount(), 0);
    QCOMPARE(view.verdictText(), QStringLiteral("No run finished."));
    QVERIFY(!view.grab().isNull());
}

// With its results shown the dialog stays inside the screen it opened on (the offscreen
// platform's is 800×600), the results scrolling instead of pushing the buttons off it.
void tst_ComparisonView::dialogFitsItsScreen()
{
    CompareDialog dialog;
    dialog.setBaseConfig(m_base);
    dialog.setSelectedModes({ExecMode::Inline, ExecMode::Pool});
    auto *duration = dialog.findChild<QSpinBox *>(QStringLiteral("compareDuration"));
    QVERIFY(duration);
    duration->setValue(1);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY(dialog.run());
    auto *area = dialog.findChild<QScrollArea *>(QStringLiteral("comparisonArea"));
    QVERIFY(area);
    QTRY_VERIFY_WITH_TIMEOUT(!dialog.isRunning() && area->isVisible(), 20000);
    const QRect available = dialog.screen()->availableGeometry();
    QVERIFY2(available.contains(dialog.frameGeometry()),
             qPrintable(QStringLiteral("%1x%2 at %3,%4 on %5x%6").arg(dialog.frameGeometry().width())
                            .arg(dialog.frameGeometry().height()).arg(dialog.frameGeometry().x())
                            .arg(dialog.frameGeometry().y()).arg(available.width()).arg(available.height())));
    // Every button is inside the dialog, not below its edge.
    for (QPushButton *button : dialog.findChildren<QPushButton *>()) {
        if (button->isVisible())
            QVERIFY2(dialog.rect().contains(QRect(button->mapTo(&dialog, QPoint(0, 0)), button->size())),
                     qPrintable(button->text()));
    }
}

QTEST_MAIN(tst_ComparisonView)
#include "tst_comparisonview.moc"
