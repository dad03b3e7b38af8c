// ProcessExecutor: each worker is looplab --worker
auto *process = new QProcess(this);
process->setProgram(m_program);     // this binary
process->setArguments({QStringLiteral("--worker")});
connect(process,
        &QProcess::readyReadStandardOutput,
        this, [this, index] { onReadyRead(index); });
process->start();

// send(): a one-line JSON header, then the document.
// write() only fills QProcess's buffer; the bytes go
// down the pipe as fast as the child reads them.
m_recorder->markStart(request.id, worker.lane,
                      MonotonicClock::nowNs());
process->write(
    WireProtocol::encodeRequestHeader(wire));
process->write(wire.payload);

// onReadyRead(): one JSON line back per task; the
// child's receive time ends the transfer segment.
m_recorder->markRun(response.id, response.recvNs);
