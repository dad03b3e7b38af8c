#include "export/exportdialog.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

ExportDialog::ExportDialog(const QString &suggestedPath, QWidget *parent)
    : QDialog(parent)
    , m_target(new QComboBox(this))
    , m_scale(new QComboBox(this))
    , m_path(new QLineEdit(suggestedPath, this))
{
    setWindowTitle(tr("Export PNG"));
    m_target->addItem(tr("Whole dashboard"), int(Target::Dashboard));
    m_target->addItem(tr("Latency chart"), int(Target::LatencyChart));
    m_target->addItem(tr("Task timeline"), int(Target::Timeline));
    m_target->setToolTip(tr("Which part of the window goes into the image."));
    m_target->setAccessibleName(tr("Export target"));
    m_scale->addItem(tr("1× (screen size)"), 1.0);
    m_scale->addItem(tr("2× (for print and high-DPI screens)"), 2.0);
    m_scale->setToolTip(tr("Pixel scale of the image relative to the window."));
    m_scale->setAccessibleName(tr("Export scale"));
    m_path->setToolTip(tr("Where the PNG is written. An existing file is replaced only if the export succeeds."));
    m_path->setAccessibleName(tr("Export path"));

    m_target->setObjectName(QStringLiteral("exportTarget"));
    m_scale->setObjectName(QStringLiteral("exportScale"));
    m_path->setObjectName(QStringLiteral("exportPath"));
    auto *browse = new QPushButton(tr("Browse…"), this);
    browse->setToolTip(tr("Choose the file in a file dialog."));
    connect(browse, &QPushButton::clicked, this, &ExportDialog::browse);
    auto *pathRow = new QHBoxLayout;
    pathRow->addWidget(m_path, 1);
    pathRow->addWidget(browse);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Save | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_path, &QLineEdit::textChanged, this, [this, buttons](const QString &text) {
        buttons->button(QDialogButtonBox::Save)->setEnabled(!text.trimmed().isEmpty());
    });

    auto *form = new QFormLayout(this);
    form->addRow(tr("&Export:"), m_target);
    form->addRow(tr("&Scale:"), m_scale);
    // Alt+F reaches the path too: a row holding a layout gets no buddy of its own.
    auto *pathLabel = new QLabel(tr("&File:"), this);
    pathLabel->setBuddy(m_path);
    form->addRow(pathLabel, pathRow);
    form->addRow(buttons);
    resize(520, sizeHint().height());
}

ExportDialog::Target ExportDialog::target() const
{
    return Target(m_target->currentData().toInt());
}

qreal ExportDialog::scale() const
{
    return m_scale->currentData().toReal();
}

QString ExportDialog::path() const
{
    return m_path->text().trimmed();
}

void ExportDialog::setTarget(Target target)
{
    m_target->setCurrentIndex(m_target->findData(int(target)));
}

void ExportDialog::setScale(qreal scale)
{
    m_scale->setCurrentIndex(scale > 1.5 ? 1 : 0);
}

void ExportDialog::browse()
{
    QString chosen = QFileDialog::getSaveFileName(this, tr("Export PNG"), path(), tr("PNG images (*.png)"));
    if (chosen.isEmpty())
        return;
    if (!chosen.endsWith(QLatin1String(".png"), Qt::CaseInsensitive))
        chosen += QLatin1String(".png");
    m_path->setText(chosen);
}
