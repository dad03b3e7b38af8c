// GilExecutor::work(), on a pool thread
m_gil->acquire();          // "calling Python"
if (request.kind == WorkKind::Io) {
    m_gil->release();      // blocking I/O lets go
    Workload::blockingIo(request.ioMs, cancel);
    m_gil->acquire();
} else {
    // The parse never yields (json.loads is C
    // code); the walk offers the lock at every
    // object once another thread has waited a
    // whole switch interval.
    Workload::parseAndWalk(request.json, cancel,
        [this] { m_gil->yieldPoint(); });
}
m_gil->release();

// Session: from now on a tick needs the lock too
m_probe->setTickGate([gil] { gil->acquire(); },
                     [gil] { gil->release(); });
