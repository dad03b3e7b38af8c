#pragma once

#include <QObject>

class QSocketNotifier;

// Turns SIGINT and SIGTERM into a Qt signal on the loop thread (the self-pipe trick) for
// the command line, for as long as it lives. The first signal asks for a graceful stop:
// the handler writes one byte and interrupts every task (Workload::interruptAll), so even
// a task blocking the loop thread ends within a sleep slice; everything else happens in
// the event loop. A second signal exits at once with 128 + its number, as command-line
// tools do when the user insists.
class SignalBridge : public QObject
{
    Q_OBJECT
public:
    explicit SignalBridge(QObject *parent = nullptr);
    ~SignalBridge() override;

signals:
    void terminationRequested(int signalNumber);

private:
    static void handle(int signalNumber);
    void onReadable();

    QSocketNotifier *m_notifier = nullptr;
};
