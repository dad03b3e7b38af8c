#include "executors/process/processexecutor.h"

#include "engine/monotonicclock.h"
#include "engine/recorder.h"
#include "executors/process/wireprotocol.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QThread>

namespace {
// After SIGKILL a child is gone at once unless stuck in the kernel; this only bounds the reap.
constexpr int kReapTimeoutMs = 1000;
constexpr int kDestroyTimeoutMs = 1000;
} // namespace

ProcessExecutor::ProcessExecutor(Recorder *recorder, std::shared_ptr<std::atomic_bool> cancel, int workers,
                                 QString program, QObject *parent)
    : Executor(recorder, std::move(cancel), parent)
    , m_program(program.isEmpty() ? QCoreApplication::applicationFilePath() : std::move(program))
{
    m_workers.resize(size_t(qMax(1, workers)));
    for (size_t i = 0; i < m_workers.size(); ++i)
        m_workers[i].lane = m_recorder->registerLane(QStringLiteral("process-%1").arg(i + 1));
    // Started now so that the first tasks wait in the queue while the children start, and
    // their [start, run) shows the transfer alone.
    for (int i = 0; i < this->workers(); ++i)
        startWorker(i);
}

ProcessExecutor::~ProcessExecutor()
{
    shutdown(kDestroyTimeoutMs);
}

int ProcessExecutor::startedWorkers() const
{
    int n = 0;
    for (const Worker &worker : m_workers)
        n += (worker.state == State::Idle || worker.state == State::Busy) ? 1 : 0;
    return n;
}

QList<qint64> ProcessExecutor::processIds() const
{
    QList<qint64> ids;
    for (const Worker &worker : m_workers)
        ids << ((worker.process && worker.process->state() != QProcess::NotRunning) ? worker.process->processId() : 0);
    return ids;
}

void ProcessExecutor::submit(const TaskRequest &request)
{
    Q_ASSERT(QThread::currentThread() == thread());
    if (m_stopping || m_cancel->load(std::memory_order_relaxed)) {
        endUndispatched(request.id, SpanState::Cancelled);
        return;
    }
    if (request.kind != WorkKind::Io && request.json.size() > WireProtocol::kMaxPayloadBytes) {
        qWarning("looplab: a %lld-byte document is too large for a worker process",
                 static_cast<long long>(request.json.size()));
        endUndispatched(request.id, SpanState::Failed);
        return;
    }
    m_pending.enqueue(request);
    failPendingIfHopeless();
    dispatch();
}

bool ProcessExecutor::shutdown(int timeoutMs)
{
    Q_ASSERT(QThread::currentThread() == thread());
    m_stopping = true;
    while (!m_pending.isEmpty())
        endUndispatched(m_pending.dequeue().id, SpanState::Cancelled);

    for (Worker &worker : m_workers) {
        if (!worker.process)
            continue;
        if (worker.state != State::Busy) {
            // An idle or starting child holds no task; on a loaded machine it may still be
            // loading Qt for seconds, and waiting for it to read end of input would spend
            // the whole shutdown bound on nothing.
            worker.process->kill();
            continue;
        }
        // A busy child answers "cancelled" and leaves.
        worker.process->terminate();
        worker.process->closeWriteChannel();
    }
    // Waiting here runs onReadyRead and onFinished, which record the answers and retire
    // each child as it exits.
    const QDeadlineTimer deadline(qMax(0, timeoutMs));
    for (Worker &worker : m_workers) {
        if (worker.process)
            worker.process->waitForFinished(int(qMax<qint64>(0, deadline.remainingTime())));
    }

    bool clean = true;
    for (Worker &worker : m_workers) {
        QProcess *process = worker.process;
        if (!process)
            continue;
        clean = false;
        process->kill();
        process->waitForFinished(kReapTimeoutMs);
    }
    const qint64 now = MonotonicClock::nowNs();
    for (Worker &worker : m_workers) {
        if (worker.state == State::Busy)
            endTask(worker.task, now, SpanState::Cancelled);
        worker.state = State::Stopped;
    }
    return clean;
}

void ProcessExecutor::startWorker(int index)
{
    Worker &worker = m_workers[size_t(index)];
    auto *process = new QProcess(this);
    process->setProgram(m_program);
    process->setArguments({QStringLiteral("--worker")});
    // The child's diagnostics go to our stderr; its stdout carries answers and nothing else.
    process->setProcessChannelMode(QProcess::ForwardedErrorChannel);
    process->setReadChannel(QProcess::StandardOutput);
    connect(process, &QProcess::started, this, [this, index] { onStarted(index); });
    connect(process, &QProcess::readyReadStandardOutput, this, [this, index] { onReadyRead(index); });
    connect(process, &QProcess::finished, this,
            [this, index](int exitCode, QProcess::ExitStatus status) { onFinished(index, exitCode, status); });
    connect(process, &QProcess::errorOccurred, this, [this, index](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart)
            onFailedToStart(index);
    });
    worker.process = process;
    worker.state = State::Starting;
    worker.output.clear();
    process->start();
}

void ProcessExecutor::retire(int index)
{
    Worker &worker = m_workers[size_t(index)];
    if (!worker.process)
        return;
    worker.process->disconnect(this);
    // We may be inside one of its signals: delete it once that returns.
    worker.process->deleteLater();
    worker.process = nullptr;
    worker.output.clear();
}

void ProcessExecutor::dispatch()
{
    while (!m_stopping && !m_pending.isEmpty()) {
        if (m_cancel->load(std::memory_order_relaxed)) {
            // After Stop queued tasks never start, as in the pool.
            endUndispatched(m_pending.dequeue().id, SpanState::Cancelled);
            continue;
        }
        // The next idle child after the last one given a task: with tasks shorter than the
        // period, the first child would otherwise take every one and its siblings would idle
        // (a ProcessPoolExecutor's shared call queue spreads them too).
        int idle = -1;
        for (int k = 0; k < workers() && idle < 0; ++k) {
            const int i = (m_lastSent + 1 + k) % workers();
            idle = m_workers[size_t(i)].state == State::Idle ? i : -1;
        }
        if (idle < 0)
            return;
        m_lastSent = idle;
        send(idle, m_pending.dequeue());
    }
}

void ProcessExecutor::send(int index, const TaskRequest &request)
{
    Worker &worker = m_workers[size_t(index)];
    WireProtocol::Request wire;
    wire.id = request.id;
    wire.kind = request.kind == WorkKind::Io ? WorkKind::Io : WorkKind::Cpu;
    wire.ioMs = qMax(0, request.ioMs);
    if (wire.kind == WorkKind::Cpu)
        wire.payload = request.json;
    worker.state = State::Busy;
    worker.task = request.id;
    m_recorder->markStart(request.id, worker.lane, MonotonicClock::nowNs());
    // QProcess keeps both writes and feeds the pipe as fast as the child drains it.
    worker.process->write(WireProtocol::encodeRequestHeader(wire));
    if (!wire.payload.isEmpty())
        worker.process->write(wire.payload);
}

void ProcessExecutor::onStarted(int index)
{
    Worker &worker = m_workers[size_t(index)];
    if (worker.state == State::Starting)
        worker.state = State::Idle;
    dispatch();
}

void ProcessExecutor::onReadyRead(int index)
{
    Worker &worker = m_workers[size_t(index)];
    QProcess *process = worker.process;
    worker.output += process->readAllStandardOutput();
    while (worker.process == process) {
        WireProtocol::Response response;
        QString error;
        const WireProtocol::Status status = WireProtocol::takeResponse(&worker.output, &response, &error);
        if (status == WireProtocol::Status::Incomplete)
            return;
        if (status == WireProtocol::Status::Invalid) {
            protocolError(index, error);
            return;
        }
        if (worker.state != State::Busy || response.id != worker.task) {
            protocolError(index, QStringLiteral("an answer for task %1, which it was not running").arg(response.id));
            return;
        }
        worker.state = State::Idle;
        worker.failures = 0;
        m_recorder->markRun(response.id, response.recvNs);
        endTask(response.id, response.endNs, response.state);
        // A slot of taskDone may have shut us down; then the process is retired.
        if (worker.process == process)
            dispatch();
    }
}

void ProcessExecutor::onFinished(int index, int exitCode, QProcess::ExitStatus status)
{
    Worker &worker = m_workers[size_t(index)];
    const State was = worker.state;
    const quint32 task = worker.task;
    retire(index);
    const qint64 now = MonotonicClock::nowNs();
    if (m_stopping) {
        worker.state = State::Stopped;
        if (was == State::Busy)
            endTask(task, now, SpanState::Cancelled); // terminated before it could answer
        return;
    }
    if (was != State::Dying) {
        if (status == QProcess::CrashExit)
            qWarning("looplab: worker process %d crashed", index + 1);
        else
            qWarning("looplab: worker process %d exited with code %d", index + 1, exitCode);
    }
    // Replace it before reporting, so that a slot submitting at once finds the new child.
    if (++worker.failures > kMaxRestarts) {
        qWarning("looplab: worker process %d died %d times in a row; not restarting it", index + 1,
                 worker.failures);
        worker.state = State::Broken;
    } else {
        startWorker(index);
    }
    if (was == State::Busy)
        endTask(task, now, SpanState::Failed);
    failPendingIfHopeless();
    dispatch();
}

void ProcessExecutor::onFailedToStart(int index)
{
    Worker &worker = m_workers[size_t(index)];
    if (!m_startWarned) {
        qWarning("looplab: cannot start worker process %s: %s", qPrintable(m_program),
                 qPrintable(worker.process->errorString()));
        m_startWarned = true;
    }
    retire(index);
    // The same program would fail the same way: this slot stays empty.
    worker.state = m_stopping ? State::Stopped : State::Broken;
    failPendingIfHopeless();
}

void ProcessExecutor::protocolError(int index, const QString &message)
{
    Worker &worker = m_workers[size_t(index)];
    qWarning("looplab: worker process %d broke the protocol (%s); restarting it", index + 1, qPrintable(message));
    const bool busy = worker.state == State::Busy;
    worker.state = State::Dying;
    worker.output.clear();
    worker.process->kill(); // onFinished starts the replacement
    if (busy)
        endTask(worker.task, MonotonicClock::nowNs(), SpanState::Failed);
}

void ProcessExecutor::endTask(quint32 id, qint64 ns, SpanState state)
{
    m_recorder->markEnd(id, ns, state);
    emit taskDone(id, state);
}

void ProcessExecutor::endUndispatched(quint32 id, SpanState state)
{
    const qint64 now = MonotonicClock::nowNs();
    m_recorder->markStart(id, m_workers.front().lane, now);
    endTask(id, now, state);
}

void ProcessExecutor::failPendingIfHopeless()
{
    for (const Worker &worker : m_workers) {
        if (worker.state != State::Broken)
            return;
    }
    while (!m_pending.isEmpty())
        endUndispatched(m_pending.dequeue().id, SpanState::Failed);
}
