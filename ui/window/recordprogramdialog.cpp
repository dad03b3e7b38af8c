#include "window/recordprogramdialog.h"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

RecordProgramDialog::RecordProgramDialog(QWidget *parent)
    : QDialog(parent)
    , m_command(new QLineEdit(this))
    , m_folder(new QLineEdit(this))
{
    setWindowTitle(tr("Record a program"));
    m_command->setObjectName(QStringLiteral("recordCommand"));
    m_command->setPlaceholderText(tr("python3 app.py"));
    m_command->setToolTip(tr("The command line, as in a shell (quotes work; pipes and variables do not)."));
    m_command->setMinimumWidth(420);
    m_folder->setObjectName(QStringLiteral("recordFolder"));
    m_folder->setToolTip(tr("The folder the program starts in."));
    auto *browse = new QPushButton(tr("Browse…"), this);
    browse->setToolTip(tr("Choose the folder the program starts in."));
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Working folder"), m_folder->text());
        if (!dir.isEmpty())
            m_folder->setText(QDir::toNativeSeparators(dir));
    });
    auto *folderRow = new QHBoxLayout;
    folderRow->addWidget(m_folder, 1);
    folderRow->addWidget(browse);

    auto *form = new QFormLayout;
    form->addRow(tr("&Command:"), m_command);
    // A row of two widgets has no buddy of its own: the label's mnemonic goes to the field.
    auto *folderLabel = new QLabel(tr("&Working folder:"), this);
    folderLabel->setBuddy(m_folder);
    form->addRow(folderLabel, folderRow);
    auto *hint = new QLabel(tr("Loop Lab starts it with its probes injected (Python asyncio, or any Qt 6 program), as looplab record does; it "
                               "appears as a source in the toolbar once its event loop starts. Its output is "
                               "discarded; it is stopped when Loop Lab closes."),
                            this);
    hint->setWordWrap(true);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    m_ok = buttons->button(QDialogButtonBox::Ok);
    m_ok->setText(tr("&Record"));
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    connect(m_command, &QLineEdit::textChanged, this, &RecordProgramDialog::updateOk);

    auto *layout = new QVBoxLayout(this);
    layout->addLayout(form);
    layout->addWidget(hint);
    layout->addWidget(buttons);
    updateOk();
}

void RecordProgramDialog::setCommand(const QString &command)
{
    m_command->setText(command);
}

QString RecordProgramDialog::command() const
{
    return m_command->text().trimmed();
}

void RecordProgramDialog::setFolder(const QString &folder)
{
    m_folder->setText(QDir::toNativeSeparators(folder));
}

QString RecordProgramDialog::folder() const
{
    return QDir::fromNativeSeparators(m_folder->text().trimmed());
}

void RecordProgramDialog::updateOk()
{
    m_ok->setEnabled(!command().isEmpty());
}
