"""The queue every probed thread appends to, and the daemon thread that writes it to Loop Lab.

Other threads only call push(): a length check and a deque append, never a lock (except when
the queue is full) and never socket I/O. Events stay tuples until the sender formats them."""
import collections
import os
import platform
import sys
import threading
import time

from . import _config
from . import _culprit

MAX_QUEUED = 8192
FLUSH_S = 0.05
RETRY_S = 1.0
SEND_TIMEOUT_S = 5.0
MAX_NAME = 200

_queue = collections.deque()
_drop_lock = threading.Lock()
dropped = 0


def push(event):
    if len(_queue) < MAX_QUEUED:
        _queue.append(event)
    else:
        _count_dropped(1)


def _count_dropped(n):
    global dropped
    with _drop_lock:
        dropped += n


def reset_after_fork():
    global dropped, _drop_lock
    _queue.clear()
    _drop_lock = threading.Lock()
    dropped = 0


def _ts(ns):
    return '%d.%03d' % divmod(ns, 1000)


def callable_name(func):
    """The qualname of what an executor or callback runs, through functools.partial and
    asyncio.to_thread's partial(context.run, func)."""
    import functools
    for _ in range(8):
        if isinstance(func, functools.partial):
            inner = func.func
            if getattr(inner, '__name__', None) == 'run' and \
                    type(getattr(inner, '__self__', None)).__name__ == 'Context' and func.args:
                func = func.args[0]
            else:
                func = inner
        else:
            break
    name = getattr(func, '__qualname__', None) or getattr(func, '__name__', None)
    if not isinstance(name, str):
        name = type(func).__qualname__
    return name[:MAX_NAME]


def _name(func):
    return func[:MAX_NAME] if isinstance(func, str) else callable_name(func)


class Sender(threading.Thread):
    def __init__(self, loop_tid):
        super().__init__(name='looplab-sender', daemon=True)
        self._loop_tid = loop_tid
        self._wake = threading.Event()
        self._stopping = False
        self._sock = None
        self._next_try = 0.0
        self._named = set()
        self._reported_dropped = 0
        self._last_health = 0.0
        import json
        self._json = json.dumps

    def stop(self, timeout):
        """Flush what is queued for at most `timeout` seconds; never longer."""
        self._stopping = True
        self._wake.set()
        if self.is_alive():
            self.join(timeout)

    def run(self):
        try:
            while True:
                stopping = self._stopping
                self._step(stopping)
                if stopping:
                    end = time.monotonic() + 0.08
                    while _queue and self._sock is not None and time.monotonic() < end:
                        self._step(True)
                    break
                self._wake.wait(FLUSH_S)
                self._wake.clear()
        except Exception as exc:
            _config.fail('sender', exc)
        self._close()

    def _step(self, stopping):
        now = time.monotonic()
        if self._sock is None and now >= self._next_try:
            self._next_try = now + RETRY_S
            self._connect()
        if self._sock is None:
            return
        if dropped != self._reported_dropped and (stopping or now - self._last_health >= 1.0):
            self._reported_dropped = dropped
            self._last_health = now
            # Past the bound: the count itself must not be dropped.
            _queue.append(('dropped', self._loop_tid, time.monotonic_ns(), self._reported_dropped))
        lines = []
        count = 0
        while _queue and count < 2048:
            count += 1
            self._format(_queue.popleft(), lines)
        if lines:
            self._send(''.join(lines), count)
            if _queue and not stopping:
                self._wake.set()

    def _connect(self):
        import socket
        path = _config.socket_path()
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            sock.settimeout(1.0)
            sock.connect(path)
            sock.settimeout(SEND_TIMEOUT_S)
        except OSError as exc:
            sock.close()
            _config.debug('no Loop Lab at %s (%s)' % (path, exc.strerror or exc))
            return
        self._sock = sock
        self._named = set()
        _config.debug('connected to %s' % path)
        self._send(self._hello(), 0)

    def _hello(self):
        program = os.path.basename(sys.argv[0]) if sys.argv and sys.argv[0] else 'python'
        pid = os.getpid()
        args = {'protocol': 1, 'program': program, 'runtime': 'python',
                'runtime_version': platform.python_version(), 'clock': 'monotonic',
                'interval_ms': _config.interval_ms, 'loop_tid': self._loop_tid}
        lines = ['{"ph":"M","name":"looplab_hello","pid":%d,"tid":%d,"ts":%s,"args":%s}\n'
                 % (pid, self._loop_tid, _ts(time.monotonic_ns()), self._dumps(args)),
                 '{"ph":"M","name":"process_name","pid":%d,"tid":%d,"ts":0,"args":%s}\n'
                 % (pid, self._loop_tid, self._dumps({'name': program}))]
        self._name_thread(self._loop_tid, lines)
        return ''.join(lines)

    def _send(self, text, count):
        import socket
        try:
            self._sock.sendall(text.encode('utf-8', 'replace'), getattr(socket, 'MSG_NOSIGNAL', 0))
        except OSError as exc:
            # Loop Lab went away (or stopped reading): the batch is lost, the program goes on.
            _config.debug('connection lost (%s)' % exc)
            _count_dropped(count)
            self._close()

    def _close(self):
        if self._sock is not None:
            try:
                self._sock.close()
            except OSError:
                pass
            self._sock = None

    def _dumps(self, value):
        return self._json(value, ensure_ascii=False, separators=(',', ':'))

    def _name_thread(self, tid, lines):
        self._named.add(tid)
        for thread in threading.enumerate():
            if getattr(thread, 'native_id', None) == tid:
                lines.append('{"ph":"M","name":"thread_name","pid":%d,"tid":%d,"ts":0,"args":%s}\n'
                             % (os.getpid(), tid, self._dumps({'name': thread.name})))
                return

    def _format(self, event, lines):
        kind = event[0]
        tid = event[1]
        if tid not in self._named:
            self._name_thread(tid, lines)
        pid = os.getpid()
        if kind == 'tick':
            lines.append('{"ph":"C","cat":"looplab.tick","name":"loop lag","pid":%d,"tid":%d,'
                         '"ts":%s,"args":{"lag_ms":%.6f}}\n' % (pid, tid, _ts(event[2]), event[3] / 1e6))
        elif kind == 'task':
            _, tid, start, dur, submit, func, state, task_kind, task = event
            args = {'state': state, 'kind': task_kind}
            if submit is not None:
                args['submit_us'] = min(submit, start) / 1000.0
            if task is not None:
                args['task'] = task
            lines.append('{"ph":"X","cat":"looplab.task","name":%s,"pid":%d,"tid":%d,"ts":%s,'
                         '"dur":%s,"args":%s}\n' % (self._dumps(_name(func)), pid, tid,
                                                    _ts(start), _ts(dur), self._dumps(args)))
        elif kind == 'slow':
            _, tid, start, dur, callback = event
            name, task_kind, task = _culprit.describe_callback(callback)
            args = {'state': 'done', 'kind': task_kind}
            if task is not None:
                args['task'] = task
            lines.append('{"ph":"X","cat":"looplab.task","name":%s,"pid":%d,"tid":%d,"ts":%s,'
                         '"dur":%s,"args":%s}\n' % (self._dumps(name[:MAX_NAME]), pid, tid,
                                                    _ts(start), _ts(dur), self._dumps(args)))
        elif kind == 'stall':
            _, tid, due, lag, samples = event
            culprit, frames, task = _culprit.describe_stall(samples)
            args = {'culprit': culprit, 'frames': frames}
            if task is not None:
                args['task'] = task
            lines.append('{"ph":"X","cat":"looplab.stall","name":"stall","pid":%d,"tid":%d,'
                         '"ts":%s,"dur":%s,"args":%s}\n' % (pid, tid, _ts(due), _ts(lag),
                                                            self._dumps(args)))
        elif kind == 'dropped':
            lines.append('{"ph":"C","cat":"looplab.probe","name":"dropped events","pid":%d,'
                         '"tid":%d,"ts":%s,"args":{"value":%d}}\n' % (pid, tid, _ts(event[2]), event[3]))
