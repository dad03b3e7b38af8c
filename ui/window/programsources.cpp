#include "window/programsources.h"

#include "cli/recordrun.h"
#include "stream/streamsource.h"

#include <QProcess>

namespace {
// What a program that was asked to stop gets before it is killed, when the window closes.
constexpr int kGraceMs = 1000;
} // namespace

ProgramSources::ProgramSources(QObject *parent)
    : QObject(parent)
{
    connect(&m_server, &StreamServer::sourceConnected, this, &ProgramSources::watch);
}

ProgramSources::~ProgramSources()
{
    for (QProcess *program : std::as_const(m_programs)) {
        if (program->state() == QProcess::NotRunning)
            continue;
        program->terminate();
        if (!program->waitForFinished(kGraceMs))
            program->kill();
    }
    qDeleteAll(m_programs);
}

bool ProgramSources::listen(QString *error)
{
    return m_server.listen(error);
}

void ProgramSources::watch(StreamSource *source)
{
    // Listed once its hello arrives, or when it is refused before it said one.
    connect(source, &StreamSource::updated, this, [this, source] {
        if (!m_sources.contains(source)) {
            if (source->recording().hasHello())
                add(source);
            return;
        }
        emit sourceChanged(source);
    });
    connect(source, &StreamSource::ended, this, [this, source](const QString &reason) {
        if (!m_sources.contains(source)) {
            if (!source->recording().hasHello() && reason.isEmpty())
                return; // connected and left without a word: nothing to show
            add(source);
        }
        emit sourceChanged(source);
        emit sourceEnded(source);
    });
}

void ProgramSources::add(StreamSource *source)
{
    m_sources << source;
    emit sourceAdded(source);
}

QString ProgramSources::label(const StreamSource &source)
{
    const StreamRecording &r = source.recording();
    QString state;
    if (!source.endReason().isEmpty())
        state = tr("cut off: %1").arg(source.endReason());
    else if (source.isConnected())
        state = tr("live");
    else
        state = tr("ended");
    if (r.dropped() > 0)
        state = tr("%1, %n events dropped", nullptr, int(qMin<qint64>(r.dropped(), INT_MAX))).arg(state);
    if (!r.hasHello())
        return tr("unknown program (%1)").arg(state);
    const StreamHello &h = r.hello();
    const QString name = h.program.isEmpty() ? tr("pid %1").arg(h.pid) : h.program;
    return tr("%1 — %2, pid %3 (%4)").arg(name, h.runtime).arg(h.pid).arg(state);
}

QString ProgramSources::howToAttach()
{
    QString dir = RecordRun::pythonProbeDir();
    if (dir.isEmpty())
        dir = tr("<probe folder>");
    QString library = RecordRun::qtProbeLibrary();
    if (library.isEmpty())
        library = tr("<probe library>");
    return tr("Python asyncio programs report here when started with the probe:\n"
              "PYTHONPATH=%1 python3 -m looplab_probe app.py\n"
              "Qt 6 programs, unmodified: LD_PRELOAD=%2 ./app\n"
              "or: looplab record -- COMMAND, or File → Record a program…, for either kind.\n"
              "Each one becomes a source you can pick in the toolbar.")
        .arg(dir, library);
}

bool ProgramSources::start(const QString &command, const QString &folder, int intervalMs, QString *error)
{
    const QStringList words = QProcess::splitCommand(command);
    if (words.isEmpty()) {
        *error = tr("the command is empty");
        return false;
    }
    auto *program = new QProcess;
    program->setProgram(words.constFirst());
    program->setArguments(words.mid(1));
    program->setWorkingDirectory(folder);
    program->setProcessEnvironment(RecordRun::probeEnvironment(path(), intervalMs));
    // The window has no console: what the program prints must not fill a pipe and block it.
    program->setStandardInputFile(QProcess::nullDevice());
    program->setStandardOutputFile(QProcess::nullDevice());
    program->setStandardErrorFile(QProcess::nullDevice());
    program->start();
    if (!program->waitForStarted(10000)) {
        *error = tr("cannot start %1: %2").arg(words.constFirst(), program->errorString());
        delete program;
        return false;
    }
    m_programs << program;
    connect(program, &QProcess::finished, this, [this, program] {
        m_programs.removeOne(program);
        program->deleteLater();
    });
    return true;
}
