// Session::stop(): one path for Stop, closing the
// window, the end of --duration, SIGINT, SIGTERM
m_submitTimer.stop();
m_cancel->store(true);  // queued tasks end as
                        // cancelled when picked up;
                        // running ones see it in 5 ms
for (Executor *e : std::as_const(m_executors))
    e->shutdown(kShutdownTimeoutMs);   // <= 2 s
emit finished();   // the recorder keeps its data

// SignalBridge: the handler only writes a byte to
// a socketpair; a QSocketNotifier turns it into a
// Qt signal on the loop thread
connect(&bridge,
        &SignalBridge::terminationRequested,
        &session, &Session::stop);
