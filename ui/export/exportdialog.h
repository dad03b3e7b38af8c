#pragma once

#include <QDialog>

class QComboBox;
class QLineEdit;

// File → Export PNG: what to export (dashboard, latency chart, timeline), at which scale,
// and where. The folder of the last export is offered again.
class ExportDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Target { Dashboard, LatencyChart, Timeline };

    explicit ExportDialog(const QString &suggestedPath, QWidget *parent = nullptr);

    Target target() const;
    qreal scale() const;
    QString path() const;

    void setTarget(Target target);
    void setScale(qreal scale);

private:
    void browse();

    QComboBox *m_target;
    QComboBox *m_scale;
    QLineEdit *m_path;
};
