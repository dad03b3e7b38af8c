"""Stacks of the loop thread: taken by the watchdog during a stall (cheap: code objects and
line numbers), turned into words by the sender once the stall is over."""
import dis
import linecache
import os
import re

MAX_FRAMES = 16
CULPRIT_FRAMES = 6
_CALL_OPS = {dis.opmap[name] for name in ('CALL', 'CALL_FUNCTION', 'CALL_FUNCTION_KW',
                                          'CALL_FUNCTION_EX', 'CALL_METHOD', 'CALL_KW')
             if name in dis.opmap}
_FIRST_CALL = re.compile(r'([A-Za-z_][\w.]*)\s*\(')

_boundary = None


def _boundary_dirs():
    # Frames of asyncio's own machinery and of this probe end the interesting part of a stack.
    global _boundary
    if _boundary is None:
        import asyncio
        _boundary = (os.path.dirname(asyncio.__file__) + os.sep, os.path.dirname(__file__) + os.sep)
    return _boundary


def take_stack(frame):
    """Innermost first: [(code, lineno, lasti)], the user's frames up to asyncio's loop."""
    boundary = _boundary_dirs()
    stack = []
    own = False
    while frame is not None and len(stack) < MAX_FRAMES:
        code = frame.f_code
        inside = code.co_filename.startswith(boundary)
        if inside and own:
            break
        own = own or not inside
        stack.append((code, frame.f_lineno, frame.f_lasti))
        frame = frame.f_back
    return stack


def _called_function(code, lineno, lasti):
    """The builtin the innermost Python frame is calling, from the source of its call, if any."""
    try:
        if lasti < 0 or code.co_code[lasti] not in _CALL_OPS:
            return None
        text = None
        positions = getattr(code, 'co_positions', None)
        if positions is not None:
            for index, (line, end_line, col, end_col) in enumerate(positions()):
                if index == lasti // 2:
                    if line == end_line == lineno and col is not None and end_col is not None:
                        text = linecache.getline(code.co_filename, lineno)[col:end_col]
                    break
        if text is None:
            text = linecache.getline(code.co_filename, lineno)
        match = _FIRST_CALL.search(text)
        return match.group(1) if match else None
    except Exception:
        return None


def _function(code):
    return getattr(code, 'co_qualname', code.co_name)


def describe_stall(samples):
    """(culprit, frames, task) from {key: [count, stack, task, last_ns]}: the stack seen most
    often, and of those the latest."""
    if not samples:
        return 'unknown', [], None
    count, stack, task, _ = max(list(samples.values()), key=lambda s: (s[0], s[3]))
    if not stack:
        return 'unknown', [], task
    frames = [{'function': _function(code), 'file': code.co_filename, 'line': lineno}
              for code, lineno, _ in stack]
    parts = ['%s (%s:%d)' % (f['function'], os.path.basename(f['file']), f['line'])
             for f in frames[:CULPRIT_FRAMES]]
    called = _called_function(*stack[0])
    if called:
        parts.insert(0, called)
    return ' \u2190 '.join(parts), frames, task


def task_of(callback):
    owner = getattr(callback, '__self__', None)
    if owner is not None and hasattr(owner, 'get_coro') and hasattr(owner, 'get_name'):
        return owner
    return None


def describe_callback(callback):
    """(name, kind, task name) of a slow Handle's callback."""
    from ._sender import callable_name
    task = task_of(callback)
    if task is not None:
        try:
            coro = task.get_coro()
            name = getattr(coro, '__qualname__', None) or task.get_name()
        except Exception:
            name = 'task'
        return name, 'task', task.get_name()
    return callable_name(callback), 'callback', None
