#include "run/comparison.h"

#include "formats/runexport.h"
#include "run/session.h"
#include "stats/statistics.h"
#include "stats/verdict.h"
#include "looplabversion.h"

#include <QJsonArray>

#include <algorithm>

namespace {
QString joinNames(const QStringList &names)
{
    return names.join(QStringLiteral(", "));
}
} // namespace

Comparison::Comparison(QObject *parent)
    : QObject(parent)
{
}

Comparison::~Comparison()
{
    if (m_session) {
        disconnect(m_session, nullptr, this, nullptr);
        delete m_session; // stops the run and joins its workers
    }
}

void Comparison::setConfig(const RunConfig &base)
{
    m_base = base;
}

void Comparison::setModes(const QList<ExecMode> &modes)
{
    m_modes = modes;
}

RunConfig Comparison::configFor(ExecMode mode) const
{
    RunConfig config = m_base;
    config.mode = mode;
    return config;
}

QString Comparison::validate(const RunConfig &base, const QList<ExecMode> &modes)
{
    if (modes.isEmpty())
        return tr("no modes to compare: pick at least one");
    for (qsizetype i = 0; i < modes.size(); ++i) {
        if (modes.indexOf(modes.at(i)) != i)
            return tr("mode %1 is listed twice").arg(Kinds::name(modes.at(i)));
    }
    if (!(base.durationS > 0))
        return tr("a comparison needs a duration per mode above 0 seconds");
    return base.validate();
}

bool Comparison::start(QString *error)
{
    QString reason = m_running ? tr("a comparison is already running") : validate(m_base, m_modes);
    if (reason.isEmpty()) {
        m_results.clear();
        m_index = 0;
        m_cancelled = false;
        m_running = true;
        if (startRun(&reason))
            return true;
        m_running = false;
    }
    if (error)
        *error = reason;
    return false;
}

bool Comparison::startRun(QString *error)
{
    Q_ASSERT(!m_session);
    const ExecMode mode = m_modes.at(m_index);
    emit progress(m_index, int(m_modes.size()), mode);
    if (!m_running)
        return true; // cancelled by a receiver of progress()
    m_session = new Session(this);
    m_session->setConfig(configFor(mode));
    // Queued: the session emits finished() from inside stop(), where it must not be deleted.
    connect(m_session, &Session::finished, this, &Comparison::onSessionFinished, Qt::QueuedConnection);
    if (!m_session->start(error)) {
        delete m_session;
        m_session = nullptr;
        return false;
    }
    return true;
}

void Comparison::startNext()
{
    if (!m_running || m_session)
        return; // cancelled in between
    QString error;
    if (!startRun(&error)) {
        emit failed(tr("%1: %2").arg(Kinds::name(m_modes.at(m_index)), error));
        finish();
    }
}

void Comparison::onSessionFinished()
{
    if (!m_running || sender() != m_session)
        return; // a run cancel() already collected
    collect(false);
    if (++m_index < m_modes.size()) {
        // From the event loop: the runs must not nest inside each other's signal handlers.
        QMetaObject::invokeMethod(this, &Comparison::startNext, Qt::QueuedConnection);
    } else {
        finish();
    }
}

void Comparison::cancel()
{
    if (!m_running)
        return;
    m_cancelled = true;
    if (m_session) {
        disconnect(m_session, nullptr, this, nullptr);
        const bool wasRunning = m_session->isRunning(); // else it ended on time, not yet collected
        m_session->stop();
        collect(wasRunning);
    }
    finish();
}

void Comparison::collect(bool interrupted)
{
    Result result;
    result.mode = m_modes.at(m_index);
    result.recorder = m_session->recorder();
    result.startNs = m_session->startNs();
    result.endNs = m_session->endNs();
    result.summary = m_session->summary();
    result.interrupted = interrupted;
    m_session->deleteLater();
    m_session = nullptr;
    if (interrupted && result.summary.ticks == 0)
        return;
    m_results.append(result);
    emit runFinished(int(m_results.size()) - 1);
}

void Comparison::finish()
{
    m_running = false;
    emit finished();
}

QJsonObject Comparison::summaryJson(const QVector<Result> &results, const RunConfig &base)
{
    QJsonArray modes;
    QJsonArray runs;
    for (const Result &r : results) {
        modes.append(Kinds::name(r.mode));
        RunConfig config = base;
        config.mode = r.mode;
        QJsonObject run = RunExport::summaryJson(r.summary, config);
        if (r.interrupted)
            run.insert(QStringLiteral("interrupted"), true);
        runs.append(run);
    }
    return QJsonObject{
        {QStringLiteral("work"), Kinds::name(base.work)},
        {QStringLiteral("duration_s"), base.durationS},
        {QStringLiteral("modes"), modes},
        {QStringLiteral("runs"), runs},
        {QStringLiteral("verdict"), verdict(results)},
        {QStringLiteral("version"), QStringLiteral(LOOPLAB_VERSION)},
    };
}

QString Comparison::verdict(const QVector<Result> &results)
{
    if (results.isEmpty())
        return tr("No run finished.");
    const auto byP99 = [](const Result &a, const Result &b) { return a.summary.p99Ms < b.summary.p99Ms; };
    const Result &best = *std::min_element(results.cbegin(), results.cend(), byP99);
    const Result &worst = *std::max_element(results.cbegin(), results.cend(), byP99);
    QString out;
    if (results.size() == 1) {
        out = tr("%1: p99 %2 ms, worst %3 ms.")
                  .arg(Kinds::name(best.mode), formatMs(best.summary.p99Ms), formatMs(best.summary.maxMs));
    } else {
        out = tr("Worst p99: %1 %2 ms; best: %3 %4 ms.")
                  .arg(Kinds::name(worst.mode), formatMs(worst.summary.p99Ms), Kinds::name(best.mode),
                       formatMs(best.summary.p99Ms));
    }
    QStringList stalled, smooth, interrupted;
    for (const Result &r : results) {
        if (r.summary.longTasks > 0)
            stalled << Kinds::name(r.mode);
        else if (r.summary.p99Ms < Verdict::kFrameMs)
            smooth << Kinds::name(r.mode);
        if (r.interrupted)
            interrupted << Kinds::name(r.mode);
    }
    if (!stalled.isEmpty())
        out += QLatin1Char(' ')
            + tr("Stalled the loop (ticks ≥ %1 ms late): %2.").arg(Statistics::kLongTaskMs).arg(joinNames(stalled));
    if (!smooth.isEmpty() && results.size() > 1)
        out += QLatin1Char(' ') + tr("Within one frame (p99 < %1 ms): %2.").arg(Verdict::kFrameMs).arg(joinNames(smooth));
    if (!interrupted.isEmpty())
        out += QLatin1Char(' ') + tr("Stopped early: %1.").arg(joinNames(interrupted));
    return out;
}

QString Comparison::formatMs(double ms)
{
    return Statistics::formatMs(ms);
}
