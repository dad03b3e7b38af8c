#include "run/session.h"

#include "executors/gil.h"
#include "executors/gilexecutor.h"
#include "executors/inlineexecutor.h"
#include "engine/monotonicclock.h"
#include "executors/mutexexecutor.h"
#include "executors/nestedexecutor.h"
#include "executors/poolexecutor.h"
#include "executors/process/processexecutor.h"
#include "executors/queueexecutor.h"
#include "executors/threadexecutor.h"
#include "executors/waitexecutor.h"
#include "run/summarizer.h"
#include "stats/statistics.h"
#include "engine/recorder.h"
#include "engine/tickerprobe.h"
#include "engine/workload.h"

#include <QThread>

#include <new>

Session::Session(QObject *parent)
    : QObject(parent)
{
    m_submitTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_submitTimer, &QTimer::timeout, this, &Session::submitOne);
    m_durationTimer.setSingleShot(true);
    m_durationTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_durationTimer, &QTimer::timeout, this, &Session::stop);
    // On the loop thread, which adds the ticks: Recorder::compact() needs that.
    connect(&m_compactTimer, &QTimer::timeout, this, [this] { m_recorder->compact(MonotonicClock::nowNs()); });
}

Session::~Session()
{
    stop();
}

void Session::setConfig(const RunConfig &config)
{
    const ExecMode oldMode = m_config.mode;
    m_config = config;
    if (m_running) {
        m_config.mode = oldMode; // a running session switches through setMode()
        setMode(config.mode);
        m_submitTimer.setInterval(m_config.periodMs);
    }
}

void Session::setMode(ExecMode mode)
{
    if (mode == m_config.mode)
        return;
    const ExecMode previous = m_config.mode;
    m_config.mode = mode;
    if (m_running) {
        m_recorder->addModeSwitch(MonotonicClock::nowNs(), mode);
        if (previous == ExecMode::Queue)
            stopQueue();
        if (mode == ExecMode::Queue)
            startQueue();
    }
    emit modeChanged(mode);
}

void Session::setWork(WorkKind work)
{
    m_config.work = work;
}

void Session::setIoMs(int ms)
{
    m_config.ioMs = ms;
}

void Session::setJsonKb(int kb)
{
    m_config.jsonKb = kb;
}

void Session::setPeriodMs(int ms)
{
    m_config.periodMs = ms;
    if (m_running)
        m_submitTimer.setInterval(ms);
    if (m_queue)
        m_queue->setPeriodMs(ms);
}

bool Session::start(QString *error)
{
    if (m_running)
        return true;
    const QString invalid = m_config.validate();
    if (!invalid.isEmpty()) {
        if (error)
            *error = invalid;
        return false;
    }
    // Generated before the clock starts, not inside the first task.
    if (m_config.work == WorkKind::Cpu && jsonDocument().isEmpty()) {
        if (error)
            *error = QStringLiteral("not enough memory for a %1 KB JSON document; use a smaller --json-kb")
                         .arg(m_config.jsonKb);
        return false;
    }

    m_recorder = std::make_shared<Recorder>();
    m_program = LoadedRun();
    m_recorder->registerLane(QStringLiteral("GUI thread"));
    m_recorder->setRawHistory(qint64(m_config.rawHistoryS) * 1000000000, qint64(m_config.intervalMs) * 1000000);
    m_cancel = std::make_shared<std::atomic_bool>(false);
    m_probe = new TickerProbe(m_recorder.get(), qint64(m_config.intervalMs) * 1000000, this);
    if (!m_probe->start(error)) {
        delete m_probe;
        m_probe = nullptr;
        m_recorder.reset();
        return false;
    }
    m_startNs = MonotonicClock::nowNs();
    m_endNs = 0;
    m_recorder->addModeSwitch(m_startNs, m_config.mode);
    m_running = true;
    m_submitTimer.start(m_config.periodMs);
    if (m_config.rawHistoryS > 0)
        m_compactTimer.start(kCompactMs);
    if (m_config.mode == ExecMode::Queue)
        startQueue();
    if (m_config.durationS > 0)
        m_durationTimer.start(int(m_config.durationS * 1000));
    emit started();
    return true;
}

void Session::keepRunning()
{
    if (!m_running || !m_durationTimer.isActive())
        return;
    m_durationTimer.stop();
    m_config.durationS = 0;
}

int Session::remainingMs() const
{
    return m_running && m_durationTimer.isActive() ? m_durationTimer.remainingTime() : -1;
}

void Session::stop()
{
    if (!m_running)
        return;
    m_running = false;
    m_submitTimer.stop();
    m_durationTimer.stop();
    m_compactTimer.stop();
    m_endNs = MonotonicClock::nowNs();
    m_probe->stop();
    m_cancel->store(true);
    stopQueue();
    for (Executor *executor : std::as_const(m_executors)) {
        if (!executor->shutdown(kShutdownTimeoutMs))
            qWarning("looplab: %s tasks did not stop within %d ms", qPrintable(Kinds::name(executor->mode())),
                     kShutdownTimeoutMs);
        delete executor;
    }
    m_executors.clear();
    delete m_probe;
    m_probe = nullptr;
    m_gil.reset();
    emit finished();
}

void Session::clear()
{
    if (m_running)
        return;
    m_recorder.reset();
    m_program = LoadedRun();
    m_startNs = m_endNs = 0;
}

qint64 Session::endNs() const
{
    return m_running ? MonotonicClock::nowNs() : m_endNs;
}

Summary Session::summary() const
{
    if (!m_recorder)
        return {};
    Summary s = Summarizer::summarize(*m_recorder, m_config, m_startNs, endNs());
    if (!m_program.program.isEmpty())
        Summarizer::setProgram(&s, m_program.program, m_program.runtime);
    return s;
}

LoadedRun Session::snapshot() const
{
    LoadedRun run = m_program;
    run.recorder = m_recorder;
    run.config = m_config;
    run.startNs = m_startNs;
    run.endNs = endNs();
    return run;
}

bool Session::loadRun(const LoadedRun &run)
{
    if (m_running || !run.recorder)
        return false;
    m_recorder = run.recorder;
    m_program = run;
    m_program.recorder.reset();
    m_config = run.config;
    m_startNs = run.startNs;
    m_endNs = run.endNs;
    return true;
}

const QByteArray &Session::jsonDocument()
{
    if (m_jsonKbGenerated != m_config.jsonKb) {
        // More than this process may allocate (ulimit -v): no document, and its tasks fail.
        try {
            m_json = Workload::generateJson(m_config.jsonKb);
        } catch (const std::bad_alloc &) {
            m_json.clear();
        }
        m_jsonKbGenerated = m_config.jsonKb;
    }
    return m_json;
}

Executor *Session::executorFor(ExecMode mode)
{
    Executor *&executor = m_executors[int(mode)];
    if (!executor) {
        switch (mode) {
        case ExecMode::Inline:
            executor = new InlineExecutor(m_recorder.get(), m_cancel, this);
            break;
        case ExecMode::Pool:
        case ExecMode::Queue: // never submitted to: the queue bridge produces its own items
            executor = new PoolExecutor(m_recorder.get(), m_cancel, m_config.workers, this);
            break;
        case ExecMode::Process:
            executor = new ProcessExecutor(m_recorder.get(), m_cancel, m_config.workers, m_config.workerProgram, this);
            break;
        case ExecMode::Thread:
            executor = new ThreadExecutor(m_recorder.get(), m_cancel, this);
            break;
        case ExecMode::Gil:
            if (!m_gil) {
                m_gil = std::make_unique<Gil>(m_config.switchMs);
                Gil *gil = m_gil.get();
                // From now on the ticker, like any Python code, needs the GIL to run.
                m_probe->setTickGate([gil] { gil->acquire(); }, [gil] { gil->release(); });
            }
            executor = new GilExecutor(m_recorder.get(), m_cancel, m_config.workers, m_gil.get(), this);
            break;
        case ExecMode::Wait:
            executor = new WaitExecutor(m_recorder.get(), m_cancel, m_config.workers, this);
            break;
        case ExecMode::Nested:
            executor = new NestedExecutor(m_recorder.get(), m_cancel, m_config.workers, this);
            break;
        case ExecMode::Mutex:
            executor = new MutexExecutor(m_recorder.get(), m_cancel, m_config.workers, this);
            break;
        }
        connect(executor, &Executor::taskDone, this, &Session::taskFinished, Qt::QueuedConnection);
    }
    return executor;
}

void Session::startQueue()
{
    if (!m_queue) {
        m_queue = new QueueExecutor(m_recorder.get(), m_config.periodMs, m_config.queueCapacity, m_config.itemUs, this);
        connect(m_queue, &QueueExecutor::itemDone, this, [this](quint32 id) { emit taskFinished(id, SpanState::Done); });
    }
    m_queue->start();
}

void Session::stopQueue()
{
    delete m_queue; // stops and joins the producer
    m_queue = nullptr;
}

void Session::submitOne()
{
    if (m_config.mode == ExecMode::Queue)
        return; // the producer thread submits in queue mode
    if (m_config.mode == ExecMode::Nested) {
        // Qt never re-enters the handler of the same QTimer, but it does re-enter posted
        // calls, replies and signals from other threads: arrive as one of those.
        QMetaObject::invokeMethod(this, &Session::submitNow, Qt::QueuedConnection);
        return;
    }
    submitNow();
}

void Session::submitBurst(int count)
{
    if (m_config.mode == ExecMode::Queue)
        return;
    for (int i = 0; i < count && m_running; ++i)
        submitNow();
}

void Session::submitNow()
{
    Q_ASSERT(QThread::currentThread() == thread());
    if (!m_running)
        return; // a queued or re-entered submit may arrive after Stop
    TaskRequest request;
    request.kind = m_config.work;
    request.ioMs = m_config.ioMs;
    if (request.kind == WorkKind::Cpu)
        request.json = jsonDocument();
    request.id = m_recorder->beginSpan(request.kind, m_config.mode, MonotonicClock::nowNs());
    executorFor(m_config.mode)->submit(request);
}
