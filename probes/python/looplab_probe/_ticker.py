"""The ticker on the probed loop: a call_at chain on a fixed-rate schedule (PROTOCOL.md, Loop
ticks), and the start of the two daemon threads when the first loop runs."""
import threading
import time

from . import _config
from . import _sender

_mono = time.monotonic_ns


class LoopState:
    """The one loop the probe measures; the watchdog reads `deadline` and fills `samples`."""
    __slots__ = ('loop', 'tid', 'ident', 'deadline', 'handle', 'samples', 'adopted')

    def __init__(self, loop):
        self.loop = loop
        self.tid = threading.get_native_id()
        self.ident = threading.get_ident()
        self.deadline = None
        self.handle = None
        self.samples = {}
        self.adopted = False    # found running by install(): no run_forever wrapper ends it


current = None          # the LoopState while its loop runs, else None
loop_tid = None         # the thread whose loops are measured: the first to run one
sender = None
watchdog = None
_lock = threading.Lock()


def reset_after_fork():
    global current, loop_tid, sender, watchdog, _lock
    current = loop_tid = sender = watchdog = None
    _lock = threading.Lock()


def _start_threads():
    global sender, watchdog
    from . import _watchdog
    with _lock:
        if sender is None:
            sender = _sender.Sender(loop_tid)
            sender.start()
            watchdog = _watchdog.Watchdog()
            watchdog.start()


def attach(loop, adopt=False):
    """Called as `loop` starts running on this thread (or, with adopt, while it runs there);
    returns its state or None."""
    global current, loop_tid
    if not _config.enabled or current is not None or loop.is_closed() or \
            loop.is_running() != adopt:
        return None
    tid = threading.get_native_id()
    if loop_tid is None:
        loop_tid = tid
    elif loop_tid != tid:
        # One loop thread per program (PROTOCOL.md): loops on other threads are not ticked.
        return None
    _start_threads()
    state = LoopState(loop)
    state.adopted = adopt
    state.deadline = _mono() + _config.interval_ns
    state.handle = _schedule(state)
    current = state
    watchdog.wake.set()
    return state


def detach(state):
    """Called as the loop stops: a stall still going on is over now."""
    global current
    if state is None:
        return
    current = None
    try:
        if state.handle is not None:
            state.handle.cancel()
        due = state.deadline
        lag = _mono() - due
        if lag >= _config.stall_ns:
            _sender.push(('stall', state.tid, due, lag, state.samples))
    except Exception as exc:
        _config.fail('detach', exc)


def _schedule(state):
    loop = state.loop
    return loop.call_at(loop.time() + (state.deadline - _mono()) / 1e9, _tick, state)


def _tick(state):
    try:
        now = _mono()
        due = state.deadline
        lag = now - due
        if lag < 0:
            lag = 0
        _sender.push(('tick', state.tid, now, lag))
        samples = state.samples
        if samples:
            state.samples = {}
        if lag >= _config.stall_ns:
            _sender.push(('stall', state.tid, due, lag, samples))
        if not _config.enabled or current is not state:
            return
        interval = _config.interval_ns
        # Fixed rate; after a stall of a whole interval, restart from the late tick.
        state.deadline = due + interval if lag < interval else now + interval
        state.handle = _schedule(state)
    except Exception as exc:
        _config.fail('ticker', exc)
