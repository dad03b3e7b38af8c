#include "engine/runconfig.h"
#include "window/workloadtoolbar.h"

#include <QComboBox>
#include <QKeyEvent>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

// The workload controls on their own, without a window: what they read and write, what
// each mode enables and what they tell the session.
class tst_WorkloadToolBar : public QObject
{
    Q_OBJECT
private slots:
    void startsAtTheDefaults();
    void configRoundTrips();
    void runningKeepsTheFixedSettings();
    void enabledByMode_data();
    void enabledByMode();
    void changesAreSignalled();
    void settingsUseTheWindowsKeys();
    void spaceIsNotText();

private:
    static QSpinBox *box(WorkloadToolBar &bar, const char *name)
    {
        return bar.findChild<QSpinBox *>(QLatin1String(name));
    }
    static RunConfig sample();
};

RunConfig tst_WorkloadToolBar::sample()
{
    RunConfig c;
    c.work = WorkKind::Cpu;
    c.ioMs = 35;
    c.jsonKb = 512;
    c.periodMs = 70;
    c.workers = 3;
    c.switchMs = 9;
    c.queueCapacity = 40;
    c.itemUs = 1500;
    return c;
}

void tst_WorkloadToolBar::startsAtTheDefaults()
{
    WorkloadToolBar bar;
    QCOMPARE(bar.objectName(), QStringLiteral("workToolBar"));
    QCOMPARE(bar.lessonSettingsBar()->objectName(), QStringLiteral("lessonSettingsToolBar"));
    const RunConfig defaults;
    const RunConfig c = bar.config();
    QCOMPARE(c.work, defaults.work);
    QCOMPARE(c.ioMs, defaults.ioMs);
    QCOMPARE(c.jsonKb, defaults.jsonKb);
    QCOMPARE(c.periodMs, defaults.periodMs);
    QCOMPARE(c.workers, defaults.workers);
    QCOMPARE(c.switchMs, defaults.switchMs);
    QCOMPARE(c.queueCapacity, defaults.queueCapacity);
    QCOMPARE(c.itemUs, defaults.itemUs);
    // The lessons' settings sit in their own toolbar.
    for (const char *name : {"switchMs", "queueCapacity", "itemUs"})
        QVERIFY2(bar.lessonSettingsBar()->isAncestorOf(box(bar, name)), name);
    for (const char *name : {"ioMs", "jsonKb", "periodMs", "workers"})
        QVERIFY2(!bar.lessonSettingsBar()->isAncestorOf(box(bar, name)), name);
}

void tst_WorkloadToolBar::configRoundTrips()
{
    WorkloadToolBar bar;
    bar.setConfig(sample(), false);
    const RunConfig c = bar.config();
    QCOMPARE(c.work, WorkKind::Cpu);
    QCOMPARE(c.ioMs, 35);
    QCOMPARE(c.jsonKb, 512);
    QCOMPARE(c.periodMs, 70);
    QCOMPARE(c.workers, 3);
    QCOMPARE(c.switchMs, 9);
    QCOMPARE(c.queueCapacity, 40);
    QCOMPARE(c.itemUs, 1500);
}

void tst_WorkloadToolBar::runningKeepsTheFixedSettings()
{
    WorkloadToolBar bar;
    const RunConfig defaults;
    bar.setConfig(sample(), true);
    const RunConfig c = bar.config();
    // What the next task reads changes; what the run was started with does not.
    QCOMPARE(c.work, WorkKind::Cpu);
    QCOMPARE(c.ioMs, 35);
    QCOMPARE(c.jsonKb, 512);
    QCOMPARE(c.periodMs, 70);
    QCOMPARE(c.workers, defaults.workers);
    QCOMPARE(c.switchMs, defaults.switchMs);
    QCOMPARE(c.queueCapacity, defaults.queueCapacity);
    QCOMPARE(c.itemUs, defaults.itemUs);
}

void tst_WorkloadToolBar::enabledByMode_data()
{
    QTest::addColumn<ExecMode>("mode");
    QTest::addColumn<bool>("running");
    QTest::addColumn<WorkKind>("work");
    // Enabled, in order: work, ioMs, jsonKb, periodMs, workers, switchMs, queueCapacity, itemUs.
    QTest::addColumn<QString>("enabled");
    QTest::newRow("inline, I/O") << ExecMode::Inline << false << WorkKind::Io << QStringLiteral("11011000");
    QTest::newRow("inline, CPU") << ExecMode::Inline << false << WorkKind::Cpu << QStringLiteral("10111000");
    QTest::newRow("pool, running") << ExecMode::Pool << true << WorkKind::Io << QStringLiteral("11010000");
    QTest::newRow("GIL") << ExecMode::Gil << false << WorkKind::Cpu << QStringLiteral("10111100");
    QTest::newRow("GIL, running") << ExecMode::Gil << true << WorkKind::Cpu << QStringLiteral("10110000");
    QTest::newRow("queue") << ExecMode::Queue << false << WorkKind::Io << QStringLiteral("00011011");
    QTest::newRow("queue, running") << ExecMode::Queue << true << WorkKind::Io << QStringLiteral("00010000");
}

void tst_WorkloadToolBar::enabledByMode()
{
    QFETCH(ExecMode, mode);
    QFETCH(bool, running);
    QFETCH(WorkKind, work);
    QFETCH(QString, enabled);
    WorkloadToolBar bar;
    RunConfig c;
    c.work = work;
    bar.setConfig(c, false);
    bar.updateEnabled(mode, running);
    const QList<QWidget *> controls = {bar.findChild<QComboBox *>(QStringLiteral("work")), box(bar, "ioMs"),
                                       box(bar, "jsonKb"), box(bar, "periodMs"), box(bar, "workers"),
                                       box(bar, "switchMs"), box(bar, "queueCapacity"), box(bar, "itemUs")};
    QString actual;
    for (QWidget *w : controls)
        actual += w->isEnabled() ? QLatin1Char('1') : QLatin1Char('0');
    QCOMPARE(actual, enabled);
}

void tst_WorkloadToolBar::changesAreSignalled()
{
    WorkloadToolBar bar;
    QSignalSpy work(&bar, &WorkloadToolBar::workChanged);
    QSignalSpy io(&bar, &WorkloadToolBar::ioMsChanged);
    QSignalSpy json(&bar, &WorkloadToolBar::jsonKbChanged);
    QSignalSpy period(&bar, &WorkloadToolBar::periodMsChanged);
    auto *combo = bar.findChild<QComboBox *>(QStringLiteral("work"));
    combo->setCurrentIndex(combo->findData(int(WorkKind::Cpu)));
    box(bar, "ioMs")->setValue(123);
    box(bar, "jsonKb")->setValue(1024);
    box(bar, "periodMs")->setValue(250);
    box(bar, "workers")->setValue(7); // read at the next start, not signalled
    QCOMPARE(work.count(), 1);
    QCOMPARE(work.at(0).at(0).value<WorkKind>(), WorkKind::Cpu);
    QCOMPARE(io.count(), 1);
    QCOMPARE(io.at(0).at(0).toInt(), 123);
    QCOMPARE(json.count(), 1);
    QCOMPARE(json.at(0).at(0).toInt(), 1024);
    QCOMPARE(period.count(), 1);
    QCOMPARE(period.at(0).at(0).toInt(), 250);
    bar.setConfig(bar.config(), false); // nothing changed: nothing said
    QCOMPARE(work.count() + io.count() + json.count() + period.count(), 4);
}

void tst_WorkloadToolBar::settingsUseTheWindowsKeys()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("settings.ini"));
    {
        WorkloadToolBar bar;
        bar.setConfig(sample(), false);
        QSettings settings(path, QSettings::IniFormat);
        bar.writeSettings(settings);
    }
    QSettings settings(path, QSettings::IniFormat);
    QCOMPARE(settings.value(QStringLiteral("run/work")).toString(), QStringLiteral("cpu"));
    QCOMPARE(settings.value(QStringLiteral("run/ioMs")).toInt(), 35);
    QCOMPARE(settings.value(QStringLiteral("run/jsonKb")).toInt(), 512);
    QCOMPARE(settings.value(QStringLiteral("run/periodMs")).toInt(), 70);
    QCOMPARE(settings.value(QStringLiteral("run/workers")).toInt(), 3);
    QCOMPARE(settings.value(QStringLiteral("run/switchMs")).toInt(), 9);
    QCOMPARE(settings.value(QStringLiteral("run/queueCapacity")).toInt(), 40);
    QCOMPARE(settings.value(QStringLiteral("run/itemUs")).toInt(), 1500);
    WorkloadToolBar restored;
    restored.readSettings(settings);
    QCOMPARE(restored.config().work, WorkKind::Cpu);
    QCOMPARE(restored.config().itemUs, 1500);
    QCOMPARE(restored.config().workers, 3);
    // Missing keys: the defaults.
    QSettings empty(dir.filePath(QStringLiteral("empty.ini")), QSettings::IniFormat);
    WorkloadToolBar fresh;
    fresh.setConfig(sample(), false);
    fresh.readSettings(empty);
    QCOMPARE(fresh.config().ioMs, RunConfig().ioMs);
    QCOMPARE(fresh.config().work, WorkKind::Cpu); // an unknown or missing work kind leaves the choice
}

// Space is the window's Start / Stop: a spin box must not take it as an override.
void tst_WorkloadToolBar::spaceIsNotText()
{
    WorkloadToolBar bar;
    // As QShortcutMap asks: the shortcut fires unless the focus widget accepts the override.
    auto accepts = [](QObject *target, Qt::Key key, const QString &text) {
        QKeyEvent override(QEvent::ShortcutOverride, key, Qt::NoModifier, text);
        override.ignore();
        QCoreApplication::sendEvent(target, &override);
        return override.isAccepted();
    };
    for (const char *name : {"ioMs", "periodMs", "itemUs"}) {
        QSpinBox *spin = box(bar, name);
        QVERIFY2(!accepts(spin, Qt::Key_Space, QStringLiteral(" ")), name);
        QVERIFY2(accepts(spin, Qt::Key_1, QStringLiteral("1")), name); // digits are still typed
    }
}

QTEST_MAIN(tst_WorkloadToolBar)
#include "tst_workloadtoolbar.moc"
