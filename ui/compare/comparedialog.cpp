#include "compare/comparedialog.h"

#include "compare/comparisonexporter.h"
#include "compare/comparisonview.h"
#include "export/pngexporter.h"
#include "style/theme.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QGridLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPainter>
#include <QPixmap>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QSpinBox>
#include <QVBoxLayout>

namespace {
QIcon swatch(ExecMode mode)
{
    QPixmap pixmap(12, 12);
    pixmap.fill(Theme::modeColor(mode));
    return QIcon(pixmap);
}
} // namespace

CompareDialog::CompareDialog(QWidget *parent)
    : QDialog(parent)
    , m_work(new QComboBox(this))
    , m_duration(new QSpinBox(this))
    , m_total(new QLabel(this))
    , m_runButton(new QPushButton(tr("Run"), this))
    , m_cancelButton(new QPushButton(tr("Cancel run"), this))
    , m_exportButton(new QPushButton(tr("Export PNG…"), this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_view(new ComparisonView(this))
{
    setWindowTitle(tr("Compare modes — Loop Lab"));

    auto *modesBox = new QGroupBox(tr("Modes to compare (run one after another, same workload)"), this);
    auto *grid = new QGridLayout(modesBox);
    const QList<ExecMode> modes = Kinds::allModes();
    // Three columns of long mode names need about 1000 px; a narrower screen gets two.
    const int columns = screen() && screen()->availableGeometry().width() < 1100 ? 2 : 3;
    for (int i = 0; i < modes.size(); ++i) {
        auto *box = new QCheckBox(Kinds::label(modes.at(i)), modesBox);
        box->setIcon(swatch(modes.at(i)));
        box->setToolTip(Kinds::name(modes.at(i)));
        connect(box, &QCheckBox::toggled, this, &CompareDialog::updateControls);
        grid->addWidget(box, i / columns, i % columns);
        m_modeBoxes.append({modes.at(i), box});
    }

    for (WorkKind kind : {WorkKind::Io, WorkKind::Cpu})
        m_work->addItem(Kinds::label(kind), QVariant::fromValue(int(kind)));
    m_duration->setObjectName(QStringLiteral("compareDuration"));
    m_duration->setRange(1, 600);
    m_duration->setValue(3);
    m_duration->setSuffix(tr(" s"));
    m_duration->setToolTip(tr("How long each mode runs"));
    m_duration->setAccessibleName(tr("Duration per mode"));
    m_work->setToolTip(tr("What each task does: a blocking sleep or CPU-bound JSON parsing."));
    m_work->setAccessibleName(tr("Work kind"));
    connect(m_duration, &QSpinBox::valueChanged, this, &CompareDialog::updateControls);

    auto *settings = new QHBoxLayout;
    auto *workLabel = new QLabel(tr("&Work:"), this);
    workLabel->setBuddy(m_work);
    settings->addWidget(workLabel);
    settings->addWidget(m_work);
    settings->addSpacing(16);
    auto *durationLabel = new QLabel(tr("&Duration per mode:"), this);
    durationLabel->setBuddy(m_duration);
    settings->addWidget(durationLabel);
    settings->addWidget(m_duration);
    settings->addSpacing(16);
    settings->addWidget(m_total);
    settings->addStretch(1);

    m_runButton->setDefault(true);
    m_progress->setTextVisible(true);
    m_progress->setRange(0, 1);
    m_progress->setValue(0);
    m_progress->setFormat(tr("Not run yet"));
    m_status->setWordWrap(true);
    m_status->setText(tr("The runs use this window's event loop: in the blocking modes the dialog freezes too."));
    m_runButton->setToolTip(tr("Run the ticked modes one after another with this workload."));
    m_cancelButton->setToolTip(tr("Stop the comparison; the modes already run stay on the charts."));
    m_exportButton->setToolTip(tr("Save the comparison (charts and table) as one PNG image."));
    m_progress->setAccessibleName(tr("Comparison progress"));
    auto *close = new QPushButton(tr("Close"), this);
    close->setToolTip(tr("Close this window (Esc)."));
    close->setAutoDefault(false);
    connect(close, &QPushButton::clicked, this, &CompareDialog::reject);
    connect(m_runButton, &QPushButton::clicked, this, [this] {
        QString error;
        if (!run(&error))
            m_status->setText(tr("Cannot run: %1.").arg(error));
    });
    connect(m_cancelButton, &QPushButton::clicked, this, &CompareDialog::cancel);
    connect(m_exportButton, &QPushButton::clicked, this, &CompareDialog::exportPng);

    auto *actions = new QHBoxLayout;
    actions->addWidget(m_runButton);
    actions->addWidget(m_cancelButton);
    actions->addWidget(m_progress, 1);
    actions->addWidget(m_exportButton);
    actions->addWidget(close);

    m_progressTimer.setInterval(100);
    connect(&m_progressTimer, &QTimer::timeout, this, &CompareDialog::updateProgressBar);

    // The results scroll inside the dialog, so it never needs more than the screen it is on.
    m_viewArea = new QScrollArea(this);
    m_viewArea->setObjectName(QStringLiteral("comparisonArea"));
    m_viewArea->setWidget(m_view);
    m_viewArea->setWidgetResizable(true);
    m_viewArea->setFrameShape(QFrame::NoFrame);
    m_viewArea->hide();
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(modesBox);
    layout->addLayout(settings);
    layout->addLayout(actions);
    layout->addWidget(m_status);
    layout->addWidget(m_viewArea, 1);

    setSelectedModes(defaultModes());
    updateControls();
}

CompareDialog::~CompareDialog() = default;

QList<ExecMode> CompareDialog::defaultModes()
{
    return {ExecMode::Inline, ExecMode::Pool, ExecMode::Gil, ExecMode::Process};
}

void CompareDialog::setBaseConfig(const RunConfig &base)
{
    m_base = base;
    m_work->setCurrentIndex(m_work->findData(int(base.work)));
}

RunConfig CompareDialog::config() const
{
    RunConfig config = m_base;
    config.work = WorkKind(m_work->currentData().toInt());
    config.durationS = m_duration->value();
    return config;
}

void CompareDialog::setSelectedModes(const QList<ExecMode> &modes)
{
    for (const auto &[mode, box] : std::as_const(m_modeBoxes))
        box->setChecked(modes.contains(mode));
}

QList<ExecMode> CompareDialog::selectedModes() const
{
    QList<ExecMode> modes;
    for (const auto &[mode, box] : m_modeBoxes) {
        if (box->isChecked())
            modes << mode;
    }
    return modes;
}

bool CompareDialog::isRunning() const
{
    return m_comparison && m_comparison->isRunning();
}

QVector<Comparison::Result> CompareDialog::results() const
{
    return m_comparison ? m_comparison->results() : QVector<Comparison::Result>();
}

bool CompareDialog::run(QString *error)
{
    if (isRunning()) {
        if (error)
            *error = tr("a comparison is already running");
        return false;
    }
    delete m_comparison; // and the recorders of the last results, once the view lets go
    m_comparison = new Comparison(this);
    m_runConfig = config();
    m_comparison->setConfig(m_runConfig);
    m_comparison->setModes(selectedModes());
    m_error.clear();
    connect(m_comparison, &Comparison::progress, this, &CompareDialog::onProgress);
    connect(m_comparison, &Comparison::finished, this, &CompareDialog::onFinished);
    connect(m_comparison, &Comparison::failed, this, [this](const QString &message) { m_error = message; });
    if (!m_comparison->start(error)) {
        delete m_comparison;
        m_comparison = nullptr;
        updateControls();
        return false;
    }
    m_status->setText(tr("The runs use this window's event loop: in the blocking modes the dialog freezes too."));
    updateControls();
    return true;
}

void CompareDialog::cancel()
{
    if (isRunning())
        m_comparison->cancel();
}

void CompareDialog::reject()
{
    cancel();
    QDialog::reject();
}

void CompareDialog::onProgress(int index, int count, ExecMode mode)
{
    m_runIndex = index;
    m_runCount = count;
    m_runClock.start();
    m_progress->setRange(0, count * 1000);
    m_progress->setFormat(tr("Running %1 (%2/%3)…").arg(Kinds::name(mode)).arg(index + 1).arg(count));
    updateProgressBar();
    m_progressTimer.start();
}

void CompareDialog::updateProgressBar()
{
    const double runMs = m_runConfig.durationS * 1000.0;
    const int withinRun = runMs > 0 ? int(std::min(1.0, double(m_runClock.elapsed()) / runMs) * 1000) : 0;
    m_progress->setValue(m_runIndex * 1000 + withinRun);
}

void CompareDialog::onFinished()
{
    m_progressTimer.stop();
    const QVector<Comparison::Result> results = m_comparison->results();
    m_progress->setRange(0, std::max(1, m_runCount));
    m_progress->setValue(int(results.size()));
    int complete = 0;
    for (const Comparison::Result &r : results)
        complete += r.interrupted ? 0 : 1;
    if (m_comparison->wasCancelled()) {
        m_progress->setFormat(complete < results.size()
                                  ? tr("Cancelled: %1 of %2 runs done, 1 stopped early").arg(complete).arg(m_runCount)
                                  : tr("Cancelled: %1 of %2 runs done").arg(complete).arg(m_runCount));
    } else {
        m_progress->setFormat(tr("Done: %1 runs").arg(complete));
    }
    if (!m_error.isEmpty())
        m_status->setText(tr("Stopped: %1").arg(m_error));
    else if (results.isEmpty())
        m_status->setText(tr("Nothing measured."));
    else
        m_status->setText(tr("Export PNG… saves the comparison below at 1600 × 1000."));
    if (!results.isEmpty()) {
        m_view->setResults(results, m_runConfig);
        if (m_viewArea->isHidden()) {
            m_viewArea->show();
            fitScreen();
        }
    }
    updateControls();
}

void CompareDialog::fitScreen()
{
    // Room for the charts and the table, but never more than the screen: the frame (title bar
    // included) stays inside its available area, and the results scroll when they need more.
    const QRect available = screen() ? screen()->availableGeometry() : QRect(0, 0, 1600, 1000);
    const QMargins frame(geometry().left() - frameGeometry().left(), geometry().top() - frameGeometry().top(),
                         frameGeometry().right() - geometry().right(), frameGeometry().bottom() - geometry().bottom());
    const QSize room = available.size() - QSize(frame.left() + frame.right(), frame.top() + frame.bottom());
    const QSize wanted(std::max(width(), 1500), std::max(height(), 1000));
    resize(wanted.boundedTo(room).expandedTo(minimumSizeHint().boundedTo(room)));
    QRect placed = frameGeometry();
    placed.moveLeft(std::clamp(placed.left(), available.left(), std::max(available.left(), available.right() - placed.width() + 1)));
    placed.moveTop(std::clamp(placed.top(), available.top(), std::max(available.top(), available.bottom() - placed.height() + 1)));
    move(placed.topLeft());
}

void CompareDialog::updateControls()
{
    const bool running = isRunning();
    const int picked = int(selectedModes().size());
    for (const auto &[mode, box] : std::as_const(m_modeBoxes))
        box->setEnabled(!running);
    m_work->setEnabled(!running);
    m_duration->setEnabled(!running);
    m_runButton->setEnabled(!running && picked >= 2);
    m_runButton->setToolTip(picked >= 2 ? tr("Run the ticked modes one after another with this workload.")
                                        : tr("Tick at least two modes"));
    m_cancelButton->setEnabled(running);
    m_exportButton->setEnabled(!running && !m_view->results().isEmpty());
    m_total->setText(picked >= 2 ? tr("%1 modes × %2 s = %3 s in all").arg(picked).arg(m_duration->value()).arg(picked * m_duration->value())
                                 : tr("tick at least two modes"));
}

void CompareDialog::exportPng()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Export comparison as PNG"),
                                                      QStringLiteral("looplab-compare.png"), tr("PNG images (*.png)"));
    if (path.isEmpty())
        return;
    // A fixed size, so exports read the same whatever the size of this dialog.
    const QImage image = ComparisonExporter::render(m_view->results(), m_runConfig, QSize(1600, 1000), m_view->isLogScale());
    QString error;
    if (!PngExporter::save(image, path, &error))
        QMessageBox::warning(this, tr("Export PNG"), error);
    else
        m_status->setText(tr("Saved %1").arg(QDir::toNativeSeparators(path)));
}
