#include "window/recoverybar.h"

#include <QDateTime>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>

RecoveryBar::RecoveryBar(QWidget *parent)
    : QFrame(parent)
    , m_text(new QLabel(this))
{
    setObjectName(QStringLiteral("recoveryBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setBackgroundRole(QPalette::AlternateBase);
    m_text->setWordWrap(true);
    auto *open = new QPushButton(tr("&Open it"), this);
    open->setObjectName(QStringLiteral("recoveryOpen"));
    open->setToolTip(tr("Open the interrupted run and redraw its charts."));
    auto *dismiss = new QPushButton(tr("&Dismiss"), this);
    dismiss->setObjectName(QStringLiteral("recoveryDismiss"));
    dismiss->setToolTip(tr("Hide this offer. The file stays in File → Recent runs."));
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_text, 1);
    layout->addWidget(open);
    layout->addWidget(dismiss);
    connect(open, &QPushButton::clicked, this, [this] {
        hide();
        emit openRequested(m_path);
    });
    connect(dismiss, &QPushButton::clicked, this, [this] {
        hide();
        emit dismissed();
    });
    hide();
}

void RecoveryBar::offer(const QString &path)
{
    m_path = path;
    const QDateTime when = QFileInfo(path).lastModified();
    m_text->setText(tr("Loop Lab was closed during a run on %1. That run was kept: open it to see what it measured.")
                        .arg(QLocale().toString(when, QLocale::ShortFormat)));
    show();
}
