#pragma once

#include <QDialog>

class QLineEdit;
class QPushButton;

// File > Record a program: the command to start with the probe injected, and the folder it
// starts in.
class RecordProgramDialog : public QDialog
{
    Q_OBJECT
public:
    explicit RecordProgramDialog(QWidget *parent = nullptr);

    void setCommand(const QString &command);
    QString command() const;
    void setFolder(const QString &folder);
    QString folder() const;

private:
    void updateOk();

    QLineEdit *m_command;
    QLineEdit *m_folder;
    QPushButton *m_ok = nullptr;
};
