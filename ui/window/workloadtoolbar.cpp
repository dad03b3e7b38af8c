#include "window/workloadtoolbar.h"

#include "engine/runconfig.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>

#include <iterator>

namespace {
// The strings keep the context they had in MainWindow, so the translations stay valid.
QString translated(const char *text)
{
    return text ? QCoreApplication::translate("MainWindow", text) : QString();
}

// One number of the workload, in WorkloadToolBar::Spin order: its RunConfig field, named as
// its object name and, under run/, its settings key.
struct SpinSpec
{
    const char *name;
    int RunConfig::*field;
    int min, max, step;
    const char *suffix;
    const char *toolTip;
    const char *accessibleName;
    const char *label; // in front of it in the toolbar
    bool lessonSetting; // in the lesson-settings toolbar
    bool fixedWhileRunning;
};

const SpinSpec kSpins[] = {
    {"ioMs", &RunConfig::ioMs, 1, 10000, 10, QT_TRANSLATE_NOOP("MainWindow", " ms"),
     QT_TRANSLATE_NOOP("MainWindow", "How long one blocking I/O task sleeps."),
     QT_TRANSLATE_NOOP("MainWindow", "I/O task length"), QT_TRANSLATE_NOOP("MainWindow", "  Task length: "), false, false},
    {"jsonKb", &RunConfig::jsonKb, 16, RunConfig::kMaxJsonKb, 256, QT_TRANSLATE_NOOP("MainWindow", " KB"),
     QT_TRANSLATE_NOOP("MainWindow", "Size of the JSON document one CPU task parses and walks."),
     QT_TRANSLATE_NOOP("MainWindow", "JSON size"), QT_TRANSLATE_NOOP("MainWindow", "  JSON size: "), false, false},
    {"periodMs", &RunConfig::periodMs, 1, 10000, 10, QT_TRANSLATE_NOOP("MainWindow", " ms"),
     QT_TRANSLATE_NOOP("MainWindow", "One task is submitted every period, from the GUI thread."),
     QT_TRANSLATE_NOOP("MainWindow", "Submit period"), QT_TRANSLATE_NOOP("MainWindow", "  Submit every: "), false, false},
    {"workers", &RunConfig::workers, 1, 64, 1, nullptr,
     QT_TRANSLATE_NOOP("MainWindow", "Threads in the pool (or worker processes). Fewer than the load makes tasks queue. "
                                     "Applies to the next start."),
     QT_TRANSLATE_NOOP("MainWindow", "Pool workers"), QT_TRANSLATE_NOOP("MainWindow", "  Workers: "), false, true},
    {"switchMs", &RunConfig::switchMs, 1, 1000, 1, QT_TRANSLATE_NOOP("MainWindow", " ms"),
     QT_TRANSLATE_NOOP("MainWindow", "GIL lesson: how long a waiting thread lets the holder run before asking for the lock "
                                     "(Python's sys.setswitchinterval). Applies to the next start."),
     QT_TRANSLATE_NOOP("MainWindow", "GIL switch interval"), QT_TRANSLATE_NOOP("MainWindow", " GIL switch: "), true, true},
    {"queueCapacity", &RunConfig::queueCapacity, 1, 100000, 8, nullptr,
     QT_TRANSLATE_NOOP("MainWindow", "Queue lesson: how many items the producer queue holds before the producer blocks. "
                                     "Applies to the next start."),
     QT_TRANSLATE_NOOP("MainWindow", "Queue capacity"), QT_TRANSLATE_NOOP("MainWindow", "  Queue: "), true, true},
    {"itemUs", &RunConfig::itemUs, 0, 1000000, 500, QT_TRANSLATE_NOOP("MainWindow", " µs"),
     QT_TRANSLATE_NOOP("MainWindow", "Queue lesson: loop time spent handling one item. Applies to the next start."),
     QT_TRANSLATE_NOOP("MainWindow", "Item cost"), nullptr, true, true},
};

QString settingsKey(const SpinSpec &spin)
{
    return QStringLiteral("run/") + QLatin1String(spin.name);
}
} // namespace

WorkloadToolBar::WorkloadToolBar(QWidget *parent)
    : QToolBar(parent)
{
    setWindowTitle(QCoreApplication::translate("MainWindow", "Workload"));
    setObjectName(QStringLiteral("workToolBar"));
    static_assert(std::size(kSpins) == SpinCount);
    const RunConfig defaults;
    m_work = new QComboBox(this);
    m_work->addItem(QCoreApplication::translate("MainWindow", "I/O (blocking sleep)"), int(WorkKind::Io));
    m_work->addItem(QCoreApplication::translate("MainWindow", "CPU (parse + walk JSON)"), int(WorkKind::Cpu));
    m_work->setToolTip(QCoreApplication::translate(
        "MainWindow", "What each task does: a blocking call with no async API, or CPU-bound JSON parsing."));
    m_work->setStatusTip(m_work->toolTip());
    m_work->setObjectName(QStringLiteral("work"));
    m_work->setAccessibleName(QCoreApplication::translate("MainWindow", "Work kind"));
    for (int i = 0; i < SpinCount; ++i) {
        const SpinSpec &spin = kSpins[i];
        auto *box = new QSpinBox(this);
        box->setRange(spin.min, spin.max);
        box->setSingleStep(spin.step);
        box->setSuffix(translated(spin.suffix));
        box->setToolTip(translated(spin.toolTip));
        box->setStatusTip(box->toolTip());
        box->setAccelerated(true);
        box->setValue(defaults.*spin.field);
        box->setObjectName(QLatin1String(spin.name));
        box->setAccessibleName(translated(spin.accessibleName));
        m_spins[i] = box;
    }

    // The lessons' settings, a toolbar of their own: on a narrow window it moves to a row of
    // its own instead of hiding behind the toolbar's » menu. Added to the window, which then
    // owns it.
    m_lessonBar = new QToolBar(this);
    m_lessonBar->setWindowTitle(QCoreApplication::translate("MainWindow", "Lesson settings"));
    m_lessonBar->setObjectName(QStringLiteral("lessonSettingsToolBar"));
    addWidget(new QLabel(QCoreApplication::translate("MainWindow", " Work: "), this));
    addWidget(m_work);
    for (int i = 0; i < SpinCount; ++i) {
        QToolBar *bar = kSpins[i].lessonSetting ? m_lessonBar : this;
        if (kSpins[i].label)
            bar->addWidget(new QLabel(translated(kSpins[i].label), bar));
        bar->addWidget(m_spins[i]);
    }

    connect(m_work, &QComboBox::currentIndexChanged, this, [this] { emit workChanged(work()); });
    connect(m_spins[IoMs], &QSpinBox::valueChanged, this, &WorkloadToolBar::ioMsChanged);
    connect(m_spins[JsonKb], &QSpinBox::valueChanged, this, &WorkloadToolBar::jsonKbChanged);
    connect(m_spins[PeriodMs], &QSpinBox::valueChanged, this, &WorkloadToolBar::periodMsChanged);
    for (QSpinBox *box : m_spins) {
        box->installEventFilter(this);
        for (QLineEdit *edit : box->findChildren<QLineEdit *>())
            edit->installEventFilter(this);
    }
}

RunConfig WorkloadToolBar::config() const
{
    RunConfig config;
    config.work = work();
    for (int i = 0; i < SpinCount; ++i)
        config.*kSpins[i].field = m_spins[i]->value();
    return config;
}

void WorkloadToolBar::setConfig(const RunConfig &config, bool running)
{
    setWork(config.work);
    for (int i = 0; i < SpinCount; ++i) {
        if (!running || !kSpins[i].fixedWhileRunning)
            m_spins[i]->setValue(config.*kSpins[i].field);
    }
}

void WorkloadToolBar::updateEnabled(ExecMode mode, bool running)
{
    const bool queue = mode == ExecMode::Queue;
    m_work->setEnabled(!queue);
    m_spins[IoMs]->setEnabled(!queue && work() == WorkKind::Io);
    m_spins[JsonKb]->setEnabled(!queue && work() == WorkKind::Cpu);
    m_spins[Workers]->setEnabled(!running);
    m_spins[SwitchMs]->setEnabled(!running && mode == ExecMode::Gil);
    m_spins[QueueCapacity]->setEnabled(!running && queue);
    m_spins[ItemUs]->setEnabled(!running && queue);
}

void WorkloadToolBar::readSettings(const QSettings &settings)
{
    WorkKind work = WorkKind::Io;
    if (Kinds::parse(settings.value(QStringLiteral("run/work")).toString(), &work))
        setWork(work);
    const RunConfig defaults;
    for (int i = 0; i < SpinCount; ++i)
        m_spins[i]->setValue(settings.value(settingsKey(kSpins[i]), defaults.*kSpins[i].field).toInt());
}

void WorkloadToolBar::writeSettings(QSettings &settings) const
{
    settings.setValue(QStringLiteral("run/work"), Kinds::name(work()));
    for (int i = 0; i < SpinCount; ++i)
        settings.setValue(settingsKey(kSpins[i]), m_spins[i]->value());
}

bool WorkloadToolBar::eventFilter(QObject *watched, QEvent *event)
{
    // A spin box would take Space as text; here it means Start / Stop wherever the focus is.
    if (event->type() == QEvent::ShortcutOverride) {
        const auto *key = static_cast<QKeyEvent *>(event);
        if (key->key() == Qt::Key_Space && key->modifiers() == Qt::NoModifier)
            return true; // not accepted as an override, so the shortcut fires
    }
    return QToolBar::eventFilter(watched, event);
}

WorkKind WorkloadToolBar::work() const
{
    return WorkKind(m_work->currentData().toInt());
}

void WorkloadToolBar::setWork(WorkKind work)
{
    m_work->setCurrentIndex(m_work->findData(int(work)));
}
