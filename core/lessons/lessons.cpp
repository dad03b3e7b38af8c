#include "lessons/lessons.h"

#include <QCoreApplication>
#include <QFile>

namespace {
// Every lesson runs for 5 s with a 10 ms ticker; the other fields are spelled out so that new
// RunConfig defaults cannot change a lesson.
RunConfig preset(ExecMode mode, WorkKind work, int periodMs, int workers)
{
    RunConfig c;
    c.mode = mode;
    c.work = work;
    c.durationS = 5.0;
    c.intervalMs = 10;
    c.periodMs = periodMs;
    c.ioMs = 200;
    c.jsonKb = 2048;
    c.workers = workers;
    c.switchMs = 5;
    c.queueCapacity = 32;
    c.itemUs = 2000;
    return c;
}

// "I/O <ioMs> ms every <periodMs> ms", as presetSummary() reads it.
RunConfig ioPreset(ExecMode mode, int ioMs, int periodMs, int workers)
{
    RunConfig c = preset(mode, WorkKind::Io, periodMs, workers);
    c.ioMs = ioMs;
    return c;
}

// "CPU <jsonKb> KB JSON every <periodMs> ms".
RunConfig cpuPreset(ExecMode mode, int jsonKb, int periodMs, int workers)
{
    RunConfig c = preset(mode, WorkKind::Cpu, periodMs, workers);
    c.jsonKb = jsonKb;
    return c;
}

// A snippet is the file resources/lessons/<file>, embedded as :/lessons/<file> (see
// core/CMakeLists.txt); the stored copy carries no trailing newline.
QString code(const QString &file)
{
    QFile in(QStringLiteral(":/lessons/") + file);
    if (!in.open(QIODevice::ReadOnly)) {
        qWarning("Lessons: snippet %s is not in the resources", qPrintable(in.fileName()));
        Q_ASSERT(false);
        return QString();
    }
    QString out = QString::fromUtf8(in.readAll());
    while (out.endsWith(QLatin1Char('\n')))
        out.chop(1);
    return out;
}

// A lesson with its name, preset and snippets; the caller adds the translated texts.
Lesson lesson(const QString &name, const RunConfig &preset)
{
    Lesson l;
    l.name = name;
    l.preset = preset;
    l.asyncioSnippet = code(name + QStringLiteral(".py"));
    l.qtSnippet = code(name + QStringLiteral(".cpp"));
    return l;
}

// One row per lesson: its name, preset and four texts, marked for translation here and
// translated each time the catalogue is built (a language switch rebuilds it).
struct LessonRow
{
    const char *name;
    RunConfig preset;
    const char *title;
    const char *whatHappens;
    const char *why;
    const char *lookFor;
};

QVector<Lesson> build()
{
    // clang-format off
    static const LessonRow rows[] = {
        {"blocking", ioPreset(ExecMode::Inline, 200, 300, 2),
         QT_TRANSLATE_NOOP("Lessons", "Blocking call on the loop"),
         QT_TRANSLATE_NOOP("Lessons",
             "Every 300 ms a timer handler on the GUI thread calls a function that blocks for 200 ms, "
             "the way a synchronous database driver or HTTP client waits for its answer. The call runs "
             "right there, on the thread that runs the event loop."),
         QT_TRANSLATE_NOOP("Lessons",
             "An event loop runs one handler at a time and can only move on when that handler returns. "
             "While the call holds the thread, the ticker's wake-up is due but nobody is there to deliver "
             "it; repaints, clicks and key presses wait in the same line. No CPU is used and nothing is "
             "broken: the only thread that could serve the loop is simply busy waiting. asyncio follows the "
             "same rule: a coroutine hands control back only at an await, and time.sleep() or a call into a "
             "synchronous driver has no await in it."),
         QT_TRANSLATE_NOOP("Lessons",
             "Latency chart: a spike of about 200 ms every 300 ms. A tick that falls due during a task is "
             "late by whatever is left of that task, so the spikes are a sawtooth, not single dots. "
             "Timeline: the tasks sit on the GUI thread's own lane, and every spike lines up with one of "
             "them. Keep this picture in mind: the next lessons move the same call elsewhere.")},
        {"pool", ioPreset(ExecMode::Pool, 200, 100, 4),
         QT_TRANSLATE_NOOP("Lessons", "Offload to a thread pool"),
         QT_TRANSLATE_NOOP("Lessons",
             "The same 200 ms blocking call, now submitted every 100 ms, is handed to a QThreadPool with "
             "QtConcurrent::run. The timer handler only enqueues it and returns; one of four pool threads "
             "does the waiting and reports back to the GUI thread by a queued signal when it is done."),
         QT_TRANSLATE_NOOP("Lessons",
             "Only the loop's thread has to stay free, not the whole program. With the blocking call on "
             "another thread, the GUI thread spends a few microseconds per task on bookkeeping and is idle "
             "otherwise, so the ticker fires on time. The load is twice that of the blocking lesson and the "
             "loop does not notice: two tasks are in flight at any moment, each on its own pool thread. A "
             "thread that sleeps in a blocking call costs almost nothing, which is why asyncio's default "
             "executor, behind run_in_executor(None, ...) and asyncio.to_thread(), is a thread pool."),
         QT_TRANSLATE_NOOP("Lessons",
             "Latency chart: flat, a few milliseconds at most. Timeline: the tasks spread over the "
             "pool-1, pool-2 and pool-3 lanes, two or three of them overlapping at any time, while the GUI "
             "thread's lane stays empty. Switch the mode to Blocking during the run and watch the chart "
             "jump.")},
        {"bounded-pool", ioPreset(ExecMode::Pool, 200, 100, 1),
         QT_TRANSLATE_NOOP("Lessons", "Bounded pool: tasks queue up"),
         QT_TRANSLATE_NOOP("Lessons",
             "The pool lesson again, with the pool capped at a single thread. A task arrives every 100 ms "
             "and takes 200 ms, so the one worker can finish only half of them in time; the others wait "
             "in the pool's queue for their turn."),
         QT_TRANSLATE_NOOP("Lessons",
             "A bounded pool protects scarce things (threads, connections, file handles) but does not "
             "create capacity. When work arrives faster than the workers finish it, the surplus piles up "
             "in the queue, and each new task waits behind every older one: here the wait grows by about "
             "100 ms per task and has no ceiling. The event loop is not part of that problem. Submitting "
             "is still only an enqueue, so the loop stays responsive while the work falls further and "
             "further behind. Loop lag and task latency are two different numbers; watch both. "
             "ThreadPoolExecutor(max_workers=1) behaves exactly like this."),
         QT_TRANSLATE_NOOP("Lessons",
             "Latency chart: flat, as in the pool lesson. Timeline: one pool-1 lane busy from end to "
             "end, unstarted tasks piling up on the queue row, and the queued strip under each task "
             "(from submit to start) longer than the one before. Hover the last task that started: after "
             "5 s it had waited more than 2 s. Stop cancels everything still queued.")},
        {"thread", ioPreset(ExecMode::Thread, 150, 200, 1),
         QT_TRANSLATE_NOOP("Lessons", "A dedicated thread with its own loop"),
         QT_TRANSLATE_NOOP("Lessons",
             "Loop Lab starts one QThread that runs an event loop of its own (exec()) and moves a worker "
             "QObject onto it. Every 200 ms the GUI thread posts a 150 ms task to that worker with "
             "QMetaObject::invokeMethod and Qt::QueuedConnection; the worker runs it and the result "
             "travels back to the GUI thread as a queued signal."),
         QT_TRANSLATE_NOOP("Lessons",
             "Two event loops on two threads, talking only by posting to each other's queues. Posting "
             "never waits, so the GUI loop stays free. The worker's loop handles its events strictly one "
             "after another, so tasks never overlap and whatever state the worker keeps needs no lock. This "
             "is also the standard way for synchronous code to use asyncio: run a loop in a background "
             "thread and hand it coroutines with asyncio.run_coroutine_threadsafe(), which returns a "
             "concurrent.futures.Future. Blocking on that future's result() is fine in a plain thread and "
             "wrong on a loop thread (see the wait lesson). One difference: coroutines on that loop can "
             "interleave at their awaits, while Loop Lab's blocking tasks run back to back."),
         QT_TRANSLATE_NOOP("Lessons",
             "Latency chart: flat. Timeline: every task on the single thread-1 lane, one at a time and in "
             "the order submitted; the GUI thread's lane stays empty. Raise the task length above the "
             "period and they start to queue, exactly like a pool with one worker.")},
        {"process", cpuPreset(ExecMode::Process, 2048, 250, 2),
         QT_TRANSLATE_NOOP("Lessons", "Worker processes for CPU work"),
         QT_TRANSLATE_NOOP("Lessons",
             "Every 250 ms a CPU task is due: parse a 2 MB JSON document with QJsonDocument and count "
             "every key. It goes to one of two worker processes, each a QProcess running "
             "looplab --worker. Loop Lab writes a one-line header with the task's parameters, then the "
             "whole document, into the worker's standard input; the worker parses, walks and answers "
             "with one line on its standard output."),
         QT_TRANSLATE_NOOP("Lessons",
             "A process has its own memory, its own threads and, in Python, its own interpreter with its "
             "own GIL, so its computing competes with the GUI thread for cores only, never for a lock. The "
             "price is the trip: the input is serialised, pushed through a pipe and decoded on the other "
             "side, and the answer comes back the same way. For big inputs that trip is real work, so send "
             "the worker as little as it needs (a file name rather than the bytes, when it can read the "
             "file itself) and give it jobs large enough to pay for the ride. QProcess buffers what it "
             "writes and feeds the pipe as it drains, so the GUI thread never waits for the child. "
             "ProcessPoolExecutor likewise leaves the pickling and the writing to helper threads (which, in "
             "Python, still need the GIL)."),
         QT_TRANSLATE_NOOP("Lessons",
             "Latency chart: close to flat. Two workers and the GUI thread share two cores, so expect a "
             "few milliseconds of jitter but no long freezes. Timeline: the process-1 and process-2 lanes; each "
             "task starts with a transfer segment (serialising and piping the document) before the parse "
             "itself. Compare the two lengths: their ratio decides whether a process pays off.")},
        {"gil", cpuPreset(ExecMode::Gil, 4096, 250, 2),
         QT_TRANSLATE_NOOP("Lessons", "The GIL: offloaded, still late"),
         QT_TRANSLATE_NOOP("Lessons",
             "Every 250 ms a CPU task (parse a 4 MB JSON document, walk every key) goes to a pool of two "
             "threads, as in the pool lesson, but under a model of CPython's global interpreter lock: a "
             "thread must hold one global lock while it runs \"Python\", and the ticker, being Python code "
             "too, must take it before it counts as awake. A "
             "thread that has waited one switch interval (5 ms, as set by sys.setswitchinterval) asks the "
             "holder to let go, and the holder does at its next check between \"bytecodes\"."),
         QT_TRANSLATE_NOOP("Lessons",
             "In CPython only the thread holding the GIL runs Python code. asyncio.to_thread() moves a "
             "function to another thread but not out from under that lock, so the loop's thread has to win "
             "the GIL back before it can run a single callback. While a pool thread computes, every "
             "wake-up of the loop waits at least a switch interval, and a long C call that never lets go "
             "(json.loads on a big string is one) holds the loop up for the whole call. Blocking I/O is "
             "different: time.sleep(), socket and file reads release the GIL while they wait, so threads "
             "are fine for I/O and the pool lesson holds in Python too. For CPU work Python needs "
             "processes (the process lesson), a C extension that releases the GIL, or a free-threaded "
             "build of Python 3.13 or later."),
         QT_TRANSLATE_NOOP("Lessons",
             "Latency chart: late ticks although every task runs on a gil-N lane; the spikes are about as "
             "long as the parse, which holds the lock from start to end, and the walk adds a few "
             "milliseconds per switch. Switch the mode to the plain pool on the same CPU work and the "
             "chart flattens, because C++ threads share no such lock. Switch the work to I/O and the GIL "
             "mode flattens too.")},
        {"wait", ioPreset(ExecMode::Wait, 200, 300, 4),
         QT_TRANSLATE_NOOP("Lessons", "Offload, then wait: blocks anyway"),
         QT_TRANSLATE_NOOP("Lessons",
             "Each 200 ms task goes to the thread pool, as in the pool lesson, but the handler that "
             "submitted it then calls QFuture::waitForFinished() because it wants the result before it "
             "returns. The GUI thread sits in that call until the pool thread is done."),
         QT_TRANSLATE_NOOP("Lessons",
             "Offloading pays only if the loop does something else in the meantime. A synchronous wait "
             "turns the offloaded task back into a blocking call: the loop's thread is parked in the wait, "
             "so the loop is as stuck as if it had done the work itself. Qt may even run a task that has "
             "not started yet right on the waiting thread. The asyncio versions of this mistake are "
             "calling result() on a concurrent.futures.Future inside a coroutine or callback, and calling "
             "asyncio.run() or loop.run_until_complete() from code already running on the loop. asyncio "
             "refuses the last two with a RuntimeError, which is the kinder failure; result() simply "
             "blocks. The fix is to await instead (asyncio.wrap_future, or await the task itself), and in "
             "Qt to let a QFutureWatcher's finished() signal continue the work."),
         QT_TRANSLATE_NOOP("Lessons",
             "Latency chart: the same 200 ms spikes as the blocking lesson, with the same preset. "
             "Timeline: the work sits on a pool lane, and right above it the GUI thread's lane shows a "
             "wait span of the same length: the loop blocked on the future. Offloading moved the work, "
             "not the waiting.")},
        {"nested", ioPreset(ExecMode::Nested, 500, 400, 4),
         QT_TRANSLATE_NOOP("Lessons", "Nested event loop: re-entrancy"),
         QT_TRANSLATE_NOOP("Lessons",
             "Every 400 ms a 500 ms task goes to the pool, and the handler that submitted it waits for it "
             "inside a local QEventLoop: exec() runs the event loop again, one level down, until the "
             "task's finished() signal calls quit(). Meanwhile every other event (ticks, repaints, clicks, "
             "results, the next submission) is handled from inside the waiting handler."),
         QT_TRANSLATE_NOOP("Lessons",
             "The lag disappears because the loop is running again, but it is running inside a "
             "half-finished function. Any handler may now run in the middle of yours and change what you "
             "were in the middle of using: the object you were editing may be deleted, the list you were "
             "walking may shrink, the whole run may be stopped. When exec() returns, your function carries "
             "on as if nothing had happened. Nesting also has no limit of its own: an event that starts "
             "another wait while one is in progress opens a second level on top of the first, and the "
             "first cannot return until the second has, however early its own result arrived. Under a "
             "steady load the stack keeps growing. Qt does not re-enter a timer's own handler, but a "
             "click, a network reply or a queued signal has no such guard. asyncio forbids all this "
             "(run_until_complete on a running loop raises); nest_asyncio patches that check away and "
             "brings these problems back."),
         QT_TRANSLATE_NOOP("Lessons",
             "Latency chart: mostly flat, since the nested loops keep ticks flowing. Timeline: the tasks "
             "are longer than the period, so each new submission starts inside the previous handler's "
             "wait: a re-entry mark, and the nesting depth row climbs one step. The older tasks finished "
             "long ago on the pool lanes, yet their handlers cannot return while a wait above them is "
             "open, so the depth only comes down when you press Stop. The chart looks healthy; the depth "
             "row is the warning.")},
        {"mutex", ioPreset(ExecMode::Mutex, 300, 250, 2),
         QT_TRANSLATE_NOOP("Lessons", "A mutex shared with the loop"),
         QT_TRANSLATE_NOOP("Lessons",
             "Every 250 ms the GUI thread submits a 300 ms task to a pool of two threads. The task holds a "
             "QMutex for its whole run, as if the mutex guarded a cache the task fills. Before submitting, "
             "the GUI thread's handler locks the same mutex to update a counter it shares with the "
             "workers, and so waits until the running task lets go."),
         QT_TRANSLATE_NOOP("Lessons",
             "A lock shared between threads shares their timing too. The worker holds it as long as its "
             "task lasts, and whoever else asks for it sleeps in lock() meanwhile, whatever thread that "
             "is. When it is the loop's thread, the loop stops: the work is offloaded, but the lock ties "
             "the loop to it again. In asyncio the same happens when a coroutine takes a threading.Lock "
             "that an asyncio.to_thread() worker holds: acquire() blocks the whole loop. The fixes: hold a "
             "lock only around the few lines that touch shared data, never across I/O or long computing; "
             "let the worker build its result privately and publish it with a short lock or a message "
             "(a queued signal, call_soon_threadsafe); hand the loop a copy rather than the live data. "
             "Where the data is shared only between coroutines, asyncio.Lock is the right tool: a "
             "coroutine waiting for it is suspended and the loop keeps going."),
         QT_TRANSLATE_NOOP("Lessons",
             "Latency chart: freezes of 300 ms and more, worse than the blocking lesson, although not one "
             "task runs on the GUI thread's lane. Timeline: wait spans on the GUI lane that start when the "
             "handler reaches lock() and end the moment a worker's task ends, or the one after it: QMutex "
             "is not fair, so the next queued task may grab the lock before the waiting GUI thread does.")},
        {"queue", ioPreset(ExecMode::Queue, 200, 1, 1),
         QT_TRANSLATE_NOOP("Lessons", "Bounded queue and back-pressure"),
         QT_TRANSLATE_NOOP("Lessons",
             "A plain synchronous producer thread makes an item every millisecond and pushes it into a "
             "thread-safe queue that holds at most 32 items, then pokes the GUI thread with a queued call. "
             "The GUI thread takes items off the queue and spends 2 ms on each, in short slices so the "
             "ticker still gets its turn between them."),
         QT_TRANSLATE_NOOP("Lessons",
             "The producer is twice as fast as the loop. An unbounded queue would hide that until memory "
             "ran out; a bounded one turns it into back-pressure: with 32 items waiting, push() blocks the "
             "producer until the loop has taken one, and from then on the producer runs at the loop's "
             "pace. What matters is who blocks. The producer is an ordinary thread, so blocking it harms "
             "nobody, while the loop only ever takes items that are already there and never waits on the "
             "queue. In asyncio, use an asyncio.Queue(maxsize=32) and fill it from the thread with "
             "asyncio.run_coroutine_threadsafe(q.put(item), loop).result(): put() waits for room and "
             "result() makes the thread wait for put(). With an unbounded queue, "
             "loop.call_soon_threadsafe(q.put_nowait, item) is enough. Never call a blocking "
             "queue.Queue.get() on the loop, and never touch an asyncio.Queue directly from another "
             "thread: it is not thread-safe. Libraries such as janus wrap both ends in one object."),
         QT_TRANSLATE_NOOP("Lessons",
             "Queue depth row: climbs to 32 within a few dozen milliseconds and stays pinned there. "
             "Producer lane: a wait span at almost every push, the producer held back to about one item "
             "per 2 ms. GUI lane: solid with items. Latency chart: a steady 2 to 4 ms on the command line "
             "(looplab run --lesson queue), up to about 15 ms in the window, whose own repaints take turns "
             "on the same loop; never a long task, because the loop is busy but never blocked: a tick that "
             "falls due runs before the next 4 ms slice of items.")},
        {"shutdown", ioPreset(ExecMode::Pool, 3000, 500, 2),
         QT_TRANSLATE_NOOP("Lessons", "Cancellation and graceful shutdown"),
         QT_TRANSLATE_NOOP("Lessons",
             "Long blocking tasks, 3 s each, one every 500 ms on two pool threads, so at any moment two "
             "are running and several are waiting. Then the run stops: after 5 s on the command line, or "
             "when you press Stop, close the window, or send SIGINT or SIGTERM to looplab run."),
         QT_TRANSLATE_NOOP("Lessons",
             "Stopping has two halves. Queued tasks have not started, so cancelling them is free: they "
             "are dropped and marked cancelled. Running tasks cannot safely be killed from outside (a "
             "thread stopped halfway leaves locks held and files half written), so they are asked: Loop "
             "Lab sets a shared atomic flag, and the blocking call checks it every few milliseconds and "
             "returns early. Shutdown then waits for the workers, but only for a bounded time (2 s), and "
             "keeps everything recorded so far, so a stuck task can neither turn Ctrl+C into a hang nor "
             "lose the results. asyncio splits it the same way: task.cancel() raises CancelledError at "
             "the task's next await, asyncio.timeout() cancels for you, "
             "executor.shutdown(cancel_futures=True) drops queued work, and "
             "loop.add_signal_handler() turns SIGTERM into a callback on the loop. A thread already "
             "running to_thread() code cannot be interrupted at all; it stops early only if it checks a "
             "flag, such as a threading.Event, itself."),
         QT_TRANSLATE_NOOP("Lessons",
             "Timeline: at the stop, the queued tasks and the cut-short running ones turn grey "
             "(cancelled) while finished ones keep their colour, and the running spans end within a few "
             "milliseconds of the stop instead of running out their 3 s. Latency chart: flat throughout, "
             "the shutdown included. On the command line the summary is still printed and the exports "
             "still written after Ctrl+C.")},
    };
    // clang-format on
    QVector<Lesson> lessons;
    for (const LessonRow &row : rows) {
        Lesson l = lesson(QLatin1String(row.name), row.preset);
        l.title = QCoreApplication::translate("Lessons", row.title);
        l.whatHappens = QCoreApplication::translate("Lessons", row.whatHappens);
        l.why = QCoreApplication::translate("Lessons", row.why);
        l.lookFor = QCoreApplication::translate("Lessons", row.lookFor);
        lessons.append(l);
    }
    return lessons;
}

// Greedy word wrap for the terminal; the prose has no hard line breaks of its own.
QString wrap(const QString &text, int width, const QString &indent)
{
    QString out;
    QString line = indent;
    for (const QString &word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (line.size() > indent.size() && line.size() + 1 + word.size() > width) {
            out += line + QLatin1Char('\n');
            line = indent;
        }
        if (line.size() > indent.size())
            line += QLatin1Char(' ');
        line += word;
    }
    if (line.size() > indent.size())
        out += line + QLatin1Char('\n');
    return out;
}

QString indented(const QString &code, const QString &indent)
{
    QString out;
    for (const QString &line : code.split(QLatin1Char('\n')))
        out += (line.isEmpty() ? QString() : indent + line) + QLatin1Char('\n');
    return out;
}

bool usesWorkers(ExecMode mode)
{
    switch (mode) {
    case ExecMode::Pool:
    case ExecMode::Process:
    case ExecMode::Gil:
    case ExecMode::Wait:
    case ExecMode::Nested:
    case ExecMode::Mutex:
        return true;
    case ExecMode::Inline:
    case ExecMode::Thread:
    case ExecMode::Queue:
        return false;
    }
    return false;
}

QString section(const QString &heading, const QString &body)
{
    return QStringLiteral("<h4>") + heading.toHtmlEscaped() + QStringLiteral("</h4><p>") + body.toHtmlEscaped()
        + QStringLiteral("</p>");
}

QString codeBlock(const QString &heading, const QString &code)
{
    return QStringLiteral("<h4>") + heading.toHtmlEscaped()
        + QStringLiteral("</h4><table class=\"code\" width=\"100%\" cellspacing=\"0\" cellpadding=\"6\">"
                         "<tr><td><pre>")
        + code.toHtmlEscaped() + QStringLiteral("</pre></td></tr></table>");
}

QVector<Lesson> &storage()
{
    static QVector<Lesson> lessons = build();
    return lessons;
}
} // namespace

const QVector<Lesson> &Lessons::all()
{
    return storage();
}

void Lessons::retranslate()
{
    storage() = build();
}

const Lesson *Lessons::find(const QString &name)
{
    for (const Lesson &lesson : all()) {
        if (lesson.name == name)
            return &lesson;
    }
    return nullptr;
}

QStringList Lessons::names()
{
    QStringList out;
    for (const Lesson &lesson : all())
        out << lesson.name;
    return out;
}

QString Lessons::presetSummary(const RunConfig &c)
{
    QStringList parts{Kinds::name(c.mode)};
    if (c.mode == ExecMode::Queue) {
        parts << QCoreApplication::translate("Lessons", "an item every %1 ms").arg(c.periodMs)
              << QCoreApplication::translate("Lessons", "%1 µs per item").arg(c.itemUs)
              << QCoreApplication::translate("Lessons", "capacity %1").arg(c.queueCapacity);
    } else {
        const QString work = c.work == WorkKind::Io
            ? QCoreApplication::translate("Lessons", "I/O %1 ms").arg(c.ioMs)
            : QCoreApplication::translate("Lessons", "CPU %1 KB JSON").arg(c.jsonKb);
        parts << QCoreApplication::translate("Lessons", "%1 every %2 ms").arg(work).arg(c.periodMs);
    }
    if (usesWorkers(c.mode))
        parts << (c.workers == 1 ? QCoreApplication::translate("Lessons", "1 worker")
                                 : QCoreApplication::translate("Lessons", "%n workers", nullptr, c.workers));
    if (c.mode == ExecMode::Gil)
        parts << QCoreApplication::translate("Lessons", "switch %1 ms").arg(c.switchMs);
    if (c.durationS > 0)
        parts << QCoreApplication::translate("Lessons", "%1 s").arg(c.durationS);
    return parts.join(QStringLiteral(" · "));
}

QStringList Lessons::presetArguments(const RunConfig &c)
{
    const RunConfig defaults;
    QStringList args{QStringLiteral("--mode"), Kinds::name(c.mode)};
    if (c.mode != ExecMode::Queue)
        args << QStringLiteral("--work") << Kinds::name(c.work);
    if (c.durationS > 0)
        args << QStringLiteral("--duration") << QString::number(c.durationS);
    if (c.intervalMs != defaults.intervalMs)
        args << QStringLiteral("--interval") << QString::number(c.intervalMs);
    args << QStringLiteral("--period") << QString::number(c.periodMs);
    if (c.mode == ExecMode::Queue) {
        args << QStringLiteral("--queue-cap") << QString::number(c.queueCapacity) << QStringLiteral("--item-us")
             << QString::number(c.itemUs);
    } else if (c.work == WorkKind::Io) {
        args << QStringLiteral("--io-ms") << QString::number(c.ioMs);
    } else {
        args << QStringLiteral("--json-kb") << QString::number(c.jsonKb);
    }
    if (usesWorkers(c.mode))
        args << QStringLiteral("--workers") << QString::number(c.workers);
    if (c.mode == ExecMode::Gil)
        args << QStringLiteral("--switch-ms") << QString::number(c.switchMs);
    return args;
}

QString Lessons::describe(const Lesson &lesson)
{
    constexpr int kWidth = 78;
    const QString indent = QStringLiteral("  ");
    QString out = lesson.name + QStringLiteral(" — ") + lesson.title + QLatin1Char('\n');
    out += QCoreApplication::translate("Lessons", "Preset: %1").arg(presetSummary(lesson.preset)) + QLatin1Char('\n');
    out += QCoreApplication::translate("Lessons", "Run it: %1")
               .arg(QStringLiteral("looplab run --lesson ") + lesson.name)
        + QLatin1Char('\n');
    out += QCoreApplication::translate("Lessons", "  (the same as: %1)")
               .arg(QStringLiteral("looplab run ") + presetArguments(lesson.preset).join(QLatin1Char(' ')))
        + QLatin1Char('\n');
    const QString sections[][2] = {
        {QCoreApplication::translate("Lessons", "What happens"), lesson.whatHappens},
        {QCoreApplication::translate("Lessons", "Why"), lesson.why},
        {QCoreApplication::translate("Lessons", "What to look for"), lesson.lookFor},
    };
    for (const auto &s : sections)
        out += QLatin1Char('\n') + s[0] + QLatin1Char('\n') + wrap(s[1], kWidth, indent);
    out += QLatin1Char('\n') + QCoreApplication::translate("Lessons", "asyncio (Python 3.11)") + QLatin1Char('\n')
        + indented(lesson.asyncioSnippet, QStringLiteral("    "));
    out += QLatin1Char('\n') + QCoreApplication::translate("Lessons", "Qt 6 / C++, as Loop Lab does it")
        + QLatin1Char('\n') + indented(lesson.qtSnippet, QStringLiteral("    "));
    return out;
}

QString Lessons::html(const Lesson &lesson)
{
    QString out = QStringLiteral("<h3>") + lesson.title.toHtmlEscaped() + QStringLiteral("</h3>");
    out += QStringLiteral("<p class=\"preset\"><span class=\"mode mode-") + Kinds::name(lesson.preset.mode)
        + QStringLiteral("\">&nbsp;") + Kinds::name(lesson.preset.mode) + QStringLiteral("&nbsp;</span>&nbsp; ")
        + presetSummary(lesson.preset).section(QStringLiteral(" · "), 1).toHtmlEscaped() + QStringLiteral("</p>");
    out += section(QCoreApplication::translate("Lessons", "What happens"), lesson.whatHappens);
    out += section(QCoreApplication::translate("Lessons", "Why"), lesson.why);
    out += section(QCoreApplication::translate("Lessons", "What to look for"), lesson.lookFor);
    out += codeBlock(QCoreApplication::translate("Lessons", "asyncio (Python 3.11)"), lesson.asyncioSnippet);
    out += codeBlock(QCoreApplication::translate("Lessons", "Qt 6 / C++, as Loop Lab does it"), lesson.qtSnippet);
    return out;
}
