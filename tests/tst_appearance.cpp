#include "style/appearance.h"
#include "window/dashboard.h"
#include "charts/laghistogramchart.h"
#include "charts/latencychart.h"
#include "window/mainwindow.h"
#include "engine/runconfig.h"
#include "style/theme.h"
#include "timeline/timelineview.h"
#include "windowfixture.h"

#include <QAction>
#include <QApplication>
#include <QSettings>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTest>
#include <QtCharts/QChart>

// View > Theme switches the whole window, charts included, and is remembered; View > Reset
// to defaults forgets everything the window remembers.
class tst_Appearance : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase();
    void cleanup();
    void darkAndLightSwitchLive();
    void themeIsRemembered();
    void resetToDefaults();

private:
    static void checkChartsMatchTheme(MainWindow *window);
};

void tst_Appearance::initTestCase()
{
    WindowFixture::isolateSettings("tst_appearance");
}

void tst_Appearance::cleanup()
{
    Appearance::apply(Appearance::Scheme::System);
    QSettings().clear();
}

void tst_Appearance::checkChartsMatchTheme(MainWindow *window)
{
    const QColor background = Theme::backgroundColor();
    Dashboard *d = window->dashboard();
    QCOMPARE(d->palette().color(QPalette::Window), background);
    QCOMPARE(d->palette().color(QPalette::WindowText), Theme::textColor());
    QCOMPARE(d->latencyChart()->chart()->backgroundBrush().color(), background);
    QCOMPARE(d->latencyChart()->chart()->titleBrush().color(), Theme::textColor());
    QCOMPARE(d->histogram()->chart()->backgroundBrush().color(), background);
    // The timeline paints from the theme on every frame: its pixels show it.
    const QImage timeline = d->timeline()->grab().toImage();
    QCOMPARE(QColor(timeline.pixel(timeline.width() - 3, timeline.height() - 3)), background);
}

void tst_Appearance::darkAndLightSwitchLive()
{
    MainWindow window;
    window.resize(1200, 800);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QVERIFY(!Theme::isDark()); // the offscreen platform's palette is light

    window.findChild<QAction *>(QStringLiteral("theme-dark"))->trigger();
    QCOMPARE(Appearance::current(), Appearance::Scheme::Dark);
    QVERIFY(Theme::isDark());
    QVERIFY(QApplication::palette().color(QPalette::Window).lightness() < 128);
    QCOMPARE(Theme::backgroundColor().lightness() < 64, true);
    checkChartsMatchTheme(&window);

    window.findChild<QAction *>(QStringLiteral("theme-light"))->trigger();
    QVERIFY(!Theme::isDark());
    QCOMPARE(Theme::backgroundColor(), QColor(Qt::white));
    checkChartsMatchTheme(&window);

    window.findChild<QAction *>(QStringLiteral("theme-system"))->trigger();
    QCOMPARE(Appearance::current(), Appearance::Scheme::System);
    QVERIFY(!Theme::isDark());
    checkChartsMatchTheme(&window);
}

void tst_Appearance::themeIsRemembered()
{
    {
        MainWindow window;
        window.show();
        window.setScheme(Appearance::Scheme::Dark);
        window.close(); // writes the settings
    }
    Appearance::apply(Appearance::Scheme::System);
    MainWindow again;
    QCOMPARE(Appearance::current(), Appearance::Scheme::Dark);
    QVERIFY(again.findChild<QAction *>(QStringLiteral("theme-dark"))->isChecked());
    QVERIFY(Theme::isDark());
}

void tst_Appearance::resetToDefaults()
{
    {
        MainWindow window;
        window.show();
        window.setMode(ExecMode::Queue);
        window.findChild<QSpinBox *>(QStringLiteral("periodMs"))->setValue(777);
        window.findChild<QAction *>(QStringLiteral("logScale"))->setChecked(true);
        window.setScheme(Appearance::Scheme::Dark);
        window.close();
    }
    MainWindow window;
    window.show();
    QCOMPARE(window.currentMode(), ExecMode::Queue);
    QCOMPARE(window.findChild<QSpinBox *>(QStringLiteral("periodMs"))->value(), 777);

    window.findChild<QAction *>(QStringLiteral("resetDefaults"))->trigger();
    QCOMPARE(window.currentMode(), ExecMode::Inline);
    QCOMPARE(window.findChild<QSpinBox *>(QStringLiteral("periodMs"))->value(), RunConfig().periodMs);
    QVERIFY(!window.findChild<QAction *>(QStringLiteral("logScale"))->isChecked());
    QVERIFY(!window.dashboard()->latencyChart()->isLogScale());
    QCOMPARE(Appearance::current(), Appearance::Scheme::System);
    QVERIFY(!Theme::isDark());
    QVERIFY(!QSettings().contains(QStringLiteral("run/periodMs")));
}

QTEST_MAIN(tst_Appearance)
#include "tst_appearance.moc"
