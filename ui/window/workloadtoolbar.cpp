#include "window/workloadtoolbar.h"

#include "run/runconfig.h"

#include <QComboBox>
#include <QCoreApplication>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSpinBox>

// The strings keep the context they had in MainWindow, so the translations stay valid.

namespace {
QSpinBox *makeSpinBox(QWidget *parent, int min, int max, int step, const QString &suffix, const QString &toolTip,
                      const QString &name, const QString &accessibleName, int value)
{
    auto *box = new QSpinBox(parent);
    box->setRange(min, max);
    box->setSingleStep(step);
    box->setSuffix(suffix);
    box->setToolTip(toolTip);
    box->setStatusTip(toolTip);
    box->setAccelerated(true);
    box->setValue(value);
    box->setObjectName(name);
    box->setAccessibleName(accessibleName);
    return box;
}
} // namespace

WorkloadToolBar::WorkloadToolBar(QWidget *parent)
    : QToolBar(parent)
{
    setWindowTitle(QCoreApplication::translate("MainWindow", "Workload"));
    setObjectName(QStringLiteral("workToolBar"));
    const RunConfig defaults;
    m_work = new QComboBox(this);
    m_work->addItem(QCoreApplication::translate("MainWindow", "I/O (blocking sleep)"), int(WorkKind::Io));
    m_work->addItem(QCoreApplication::translate("MainWindow", "CPU (parse + walk JSON)"), int(WorkKind::Cpu));
    m_work->setToolTip(QCoreApplication::translate(
        "MainWindow", "What each task does: a blocking call with no async API, or CPU-bound JSON parsing."));
    m_work->setStatusTip(m_work->toolTip());
    m_work->setObjectName(QStringLiteral("work"));
    m_work->setAccessibleName(QCoreApplication::translate("MainWindow", "Work kind"));
    m_ioMs = makeSpinBox(this, 1, 10000, 10, QCoreApplication::translate("MainWindow", " ms"),
                         QCoreApplication::translate("MainWindow", "How long one blocking I/O task sleeps."),
                         QStringLiteral("ioMs"), QCoreApplication::translate("MainWindow", "I/O task length"),
                         defaults.ioMs);
    m_jsonKb = makeSpinBox(this, 16, RunConfig::kMaxJsonKb, 256, QCoreApplication::translate("MainWindow", " KB"),
                           QCoreApplication::translate("MainWindow", "Size of the JSON document one CPU task parses and walks."),
                           QStringLiteral("jsonKb"), QCoreApplication::translate("MainWindow", "JSON size"),
                           defaults.jsonKb);
    m_periodMs = makeSpinBox(this, 1, 10000, 10, QCoreApplication::translate("MainWindow", " ms"),
                             QCoreApplication::translate("MainWindow", "One task is submitted every period, from the GUI thread."),
                             QStringLiteral("periodMs"), QCoreApplication::translate("MainWindow", "Submit period"),
                             defaults.periodMs);
    m_workers = makeSpinBox(this, 1, 64, 1, QString(),
                            QCoreApplication::translate("MainWindow",
                                                        "Threads in the pool (or worker processes). Fewer than the load "
                                                        "makes tasks queue. Applies to the next start."),
                            QStringLiteral("workers"), QCoreApplication::translate("MainWindow", "Pool workers"),
                            defaults.workers);

    addWidget(new QLabel(QCoreApplication::translate("MainWindow", " Work: "), this));
    addWidget(m_work);
    addWidget(new QLabel(QCoreApplication::translate("MainWindow", "  Task length: "), this));
    addWidget(m_ioMs);
    addWidget(new QLabel(QCoreApplication::translate("MainWindow", "  JSON size: "), this));
    addWidget(m_jsonKb);
    addWidget(new QLabel(QCoreApplication::translate("MainWindow", "  Submit every: "), this));
    addWidget(m_periodMs);
    addWidget(new QLabel(QCoreApplication::translate("MainWindow", "  Workers: "), this));
    addWidget(m_workers);

    m_switchMs = makeSpinBox(this, 1, 1000, 1, QCoreApplication::translate("MainWindow", " ms"),
                             QCoreApplication::translate("MainWindow",
                                                         "GIL lesson: how long a waiting thread lets the holder run before "
                                                         "asking for the lock (Python's sys.setswitchinterval). Applies to "
                                                         "the next start."),
                             QStringLiteral("switchMs"), QCoreApplication::translate("MainWindow", "GIL switch interval"),
                             defaults.switchMs);
    m_queueCapacity = makeSpinBox(this, 1, 100000, 8, QString(),
                                  QCoreApplication::translate("MainWindow",
                                                              "Queue lesson: how many items the producer queue holds "
                                                              "before the producer blocks. Applies to the next start."),
                                  QStringLiteral("queueCapacity"),
                                  QCoreApplication::translate("MainWindow", "Queue capacity"), defaults.queueCapacity);
    m_itemUs = makeSpinBox(this, 0, 1000000, 500, QCoreApplication::translate("MainWindow", " µs"),
                           QCoreApplication::translate("MainWindow", "Queue lesson: loop time spent handling one item. "
                                                                     "Applies to the next start."),
                           QStringLiteral("itemUs"), QCoreApplication::translate("MainWindow", "Item cost"),
                           defaults.itemUs);
    // A toolbar of its own: on a narrow window it moves to a row of its own instead of
    // hiding behind the toolbar's » menu. Added to the window, which then owns it.
    m_lessonBar = new QToolBar(this);
    m_lessonBar->setWindowTitle(QCoreApplication::translate("MainWindow", "Lesson settings"));
    m_lessonBar->setObjectName(QStringLiteral("lessonSettingsToolBar"));
    m_lessonBar->addWidget(new QLabel(QCoreApplication::translate("MainWindow", " GIL switch: "), m_lessonBar));
    m_lessonBar->addWidget(m_switchMs);
    m_lessonBar->addWidget(new QLabel(QCoreApplication::translate("MainWindow", "  Queue: "), m_lessonBar));
    m_lessonBar->addWidget(m_queueCapacity);
    m_lessonBar->addWidget(m_itemUs);

    connect(m_work, &QComboBox::currentIndexChanged, this, [this] { emit workChanged(work()); });
    connect(m_ioMs, &QSpinBox::valueChanged, this, &WorkloadToolBar::ioMsChanged);
    connect(m_jsonKb, &QSpinBox::valueChanged, this, &WorkloadToolBar::jsonKbChanged);
    connect(m_periodMs, &QSpinBox::valueChanged, this, &WorkloadToolBar::periodMsChanged);
    for (QSpinBox *box : {m_ioMs, m_jsonKb, m_periodMs, m_workers, m_switchMs, m_queueCapacity, m_itemUs}) {
        box->installEventFilter(this);
        for (QLineEdit *edit : box->findChildren<QLineEdit *>())
            edit->installEventFilter(this);
    }
}

RunConfig WorkloadToolBar::config() const
{
    RunConfig config;
    config.work = work();
    config.ioMs = m_ioMs->value();
    config.jsonKb = m_jsonKb->value();
    config.periodMs = m_periodMs->value();
    config.workers = m_workers->value();
    config.switchMs = m_switchMs->value();
    config.queueCapacity = m_queueCapacity->value();
    config.itemUs = m_itemUs->value();
    return config;
}

void WorkloadToolBar::setConfig(const RunConfig &config, bool running)
{
    setWork(config.work);
    m_ioMs->setValue(config.ioMs);
    m_jsonKb->setValue(config.jsonKb);
    m_periodMs->setValue(config.periodMs);
    if (!running) {
        m_workers->setValue(config.workers);
        m_switchMs->setValue(config.switchMs);
        m_queueCapacity->setValue(config.queueCapacity);
        m_itemUs->setValue(config.itemUs);
    }
}

void WorkloadToolBar::updateEnabled(ExecMode mode, bool running)
{
    const bool queue = mode == ExecMode::Queue;
    m_work->setEnabled(!queue);
    m_ioMs->setEnabled(!queue && work() == WorkKind::Io);
    m_jsonKb->setEnabled(!queue && work() == WorkKind::Cpu);
    m_workers->setEnabled(!running);
    m_switchMs->setEnabled(!running && mode == ExecMode::Gil);
    m_queueCapacity->setEnabled(!running && queue);
    m_itemUs->setEnabled(!running && queue);
}

void WorkloadToolBar::readSettings(const QSettings &settings)
{
    WorkKind work = WorkKind::Io;
    if (Kinds::parse(settings.value(QStringLiteral("run/work")).toString(), &work))
        setWork(work);
    const RunConfig defaults;
    m_ioMs->setValue(settings.value(QStringLiteral("run/ioMs"), defaults.ioMs).toInt());
    m_jsonKb->setValue(settings.value(QStringLiteral("run/jsonKb"), defaults.jsonKb).toInt());
    m_periodMs->setValue(settings.value(QStringLiteral("run/periodMs"), defaults.periodMs).toInt());
    m_workers->setValue(settings.value(QStringLiteral("run/workers"), defaults.workers).toInt());
    m_switchMs->setValue(settings.value(QStringLiteral("run/switchMs"), defaults.switchMs).toInt());
    m_queueCapacity->setValue(settings.value(QStringLiteral("run/queueCapacity"), defaults.queueCapacity).toInt());
    m_itemUs->setValue(settings.value(QStringLiteral("run/itemUs"), defaults.itemUs).toInt());
}

void WorkloadToolBar::writeSettings(QSettings &settings) const
{
    settings.setValue(QStringLiteral("run/work"), Kinds::name(work()));
    settings.setValue(QStringLiteral("run/ioMs"), m_ioMs->value());
    settings.setValue(QStringLiteral("run/jsonKb"), m_jsonKb->value());
    settings.setValue(QStringLiteral("run/periodMs"), m_periodMs->value());
    settings.setValue(QStringLiteral("run/workers"), m_workers->value());
    settings.setValue(QStringLiteral("run/switchMs"), m_switchMs->value());
    settings.setValue(QStringLiteral("run/queueCapacity"), m_queueCapacity->value());
    settings.setValue(QStringLiteral("run/itemUs"), m_itemUs->value());
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
