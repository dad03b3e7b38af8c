"""The watchdog: a daemon thread that notices the loop's tick is overdue and samples the loop
thread's stack every ~10 ms while the stall lasts, so the culprit is caught in the act."""
import sys
import threading
import time

from . import _config
from . import _culprit
from . import _ticker

SAMPLE_S = 0.01
# Start sampling well before a stall reaches 50 ms, so even a short one has samples.
SAMPLE_AFTER_NS = 20 * _config.NS_PER_MS


def _task_name(loop):
    # asyncio.current_task(loop) is not for other threads; the registry dict is a plain read.
    try:
        import asyncio
        tasks = getattr(asyncio.tasks, '_current_tasks', None)
        task = tasks.get(loop) if tasks is not None else None
        return task.get_name() if task is not None else None
    except Exception:
        return None


class Watchdog(threading.Thread):
    def __init__(self):
        super().__init__(name='looplab-watchdog', daemon=True)
        self.wake = threading.Event()

    def run(self):
        try:
            while _config.enabled:
                state = _ticker.current
                if state is None:
                    self.wake.wait(1.0)
                    self.wake.clear()
                    continue
                due = state.deadline
                overdue = time.monotonic_ns() - due
                if overdue <= SAMPLE_AFTER_NS:
                    # Sleep until this tick would be overdue: a healthy loop has moved its
                    # deadline on by then, so we wake about once per two ticks.
                    time.sleep(max(SAMPLE_S, (SAMPLE_AFTER_NS - overdue) / 1e9))
                    continue
                if not state.loop.is_running():
                    if state.adopted and _ticker.current is state:
                        _ticker.current = None
                    time.sleep(SAMPLE_S)
                    continue
                self._sample(state, due)
                time.sleep(SAMPLE_S)
        except Exception as exc:
            _config.fail('watchdog', exc)

    def _sample(self, state, due):
        frame = sys._current_frames().get(state.ident)
        if frame is None:
            return
        stack = _culprit.take_stack(frame)
        del frame
        task = _task_name(state.loop)
        if state.deadline != due:
            return  # the loop ticked meanwhile: this stack is not the stall's
        key = tuple((code, lineno) for code, lineno, _ in stack)
        samples = state.samples
        entry = samples.get(key)
        if entry is None:
            samples[key] = [1, stack, task, time.monotonic_ns()]
        else:
            entry[0] += 1
            entry[1] = stack
            entry[2] = task
            entry[3] = time.monotonic_ns()
