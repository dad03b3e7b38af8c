"""The patches on asyncio: run_forever (a loop starts: tick it), run_in_executor (executor
spans, asyncio.to_thread included) and Handle._run (slow callbacks and task steps). Each
wrapper does the user's call exactly as before; only the probe's own work is guarded."""
import contextvars
import functools
import threading
import time

from . import _config
from . import _sender
from . import _ticker

_originals = {}


def patch():
    import asyncio
    import asyncio.base_events
    import asyncio.events
    import concurrent.futures
    if _originals:
        return
    loop_class = asyncio.base_events.BaseEventLoop
    handle_class = asyncio.events.Handle
    _originals['run_forever'] = orig_run_forever = loop_class.run_forever
    _originals['run_in_executor'] = orig_run_in_executor = loop_class.run_in_executor
    _originals['_run'] = orig_run = handle_class._run

    def run_forever(self):
        state = None
        if _config.enabled:
            try:
                state = _ticker.attach(self)
            except Exception as exc:
                _config.fail('run_forever', exc)
        try:
            return orig_run_forever(self)
        finally:
            _ticker.detach(state)

    thread_pool = concurrent.futures.ThreadPoolExecutor
    mono = time.monotonic_ns
    push = _sender.push
    # threading.get_native_id() is a system call each time: remember it per thread.
    local = threading.local()
    get_native_id = threading.get_native_id

    def native_id():
        try:
            return local.tid
        except AttributeError:
            local.tid = get_native_id()
            return local.tid

    partial = functools.partial
    context = contextvars.Context

    def name_of(func):
        # Queued as a str, the event tuple holds no object the garbage collector must
        # traverse while it waits; asyncio.to_thread's partial(context.run, f) names f.
        if type(func) is partial:
            inner = func.func
            if type(getattr(inner, '__self__', None)) is context and func.args:
                func = func.args[0]
            else:
                func = inner
        name = getattr(func, '__qualname__', None)
        return name if type(name) is str else func

    def run_in_executor(self, executor, func, *args):
        pool = self._default_executor if executor is None else executor
        if not _config.enabled or not (pool is None or isinstance(pool, thread_pool)):
            # Other executors (a process pool) may need to pickle func: leave them be.
            return orig_run_in_executor(self, executor, func, *args)
        if self._debug:
            self._check_callback(func, 'run_in_executor')
        submit = mono()
        future = None

        def call(*call_args):
            start = mono()
            state = 'failed'
            try:
                result = func(*call_args)
                state = 'done'
                return result
            finally:
                end = mono()
                try:
                    if future is not None and future.cancelled():
                        state = 'cancelled'
                    push(('task', native_id(), start, end - start, submit, name_of(func), state,
                          'executor', None))
                except Exception as exc:
                    _config.fail('executor call', exc)

        future = orig_run_in_executor(self, executor, call, *args)
        return future

    slow_ns = _config.slow_ns

    def _run(self):
        start = mono()
        orig_run(self)
        dur = mono() - start
        if dur >= slow_ns and _config.enabled:
            try:
                push(('slow', native_id(), start, dur, self._callback))
            except Exception as exc:
                _config.fail('callback', exc)
    loop_class.run_forever = run_forever
    loop_class.run_in_executor = run_in_executor
    handle_class._run = _run


def unpatch():
    if not _originals:
        return
    import asyncio.base_events
    import asyncio.events
    loop_class = asyncio.base_events.BaseEventLoop
    loop_class.run_forever = _originals.pop('run_forever')
    loop_class.run_in_executor = _originals.pop('run_in_executor')
    asyncio.events.Handle._run = _originals.pop('_run')
