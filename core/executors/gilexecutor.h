#pragma once

#include "executors/poolexecutor.h"

class Gil;

// Pool threads that must hold a model of Python's GIL while they run Python-level code.
// Blocking I/O releases it (as time.sleep and socket reads do); JSON parsing holds it for
// the whole parse (json.loads is C code) and the key walk hands it over at every object
// once another thread has waited a switch interval. The ticker takes the same lock.
class GilExecutor : public PoolExecutor
{
    Q_OBJECT
public:
    GilExecutor(Recorder *recorder, std::shared_ptr<std::atomic_bool> cancel, int workers, Gil *gil,
                QObject *parent = nullptr);
    ~GilExecutor() override;
    ExecMode mode() const override { return ExecMode::Gil; }

protected:
    SpanState work(const TaskRequest &request) override;
    QString lanePrefix() const override { return QStringLiteral("gil"); }

private:
    Gil *m_gil;
};
