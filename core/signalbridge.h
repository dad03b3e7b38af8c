#pragma once

#include <QObject>

class QSocketNotifier;

// Turns SIGINT and SIGTERM into a Qt signal on the loop thread (the self-pipe trick):
// the handler only writes one byte, everything else happens in the event loop.
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
