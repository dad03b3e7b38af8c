"""Settings read once from the environment, the on/off switch, and debug output."""
import os
import sys

NS_PER_MS = 1000000


def _int_env(name, default, low, high):
    try:
        value = int(float(os.environ.get(name, default)))
    except ValueError:
        value = default
    return max(low, min(high, value))


interval_ms = _int_env('LOOPLAB_INTERVAL_MS', 10, 1, 10000)
interval_ns = interval_ms * NS_PER_MS
slow_ns = _int_env('LOOPLAB_SLOW_MS', 50, 1, 86400000) * NS_PER_MS
# The protocol's rule: stalls of 50 ms and more are reported.
stall_ns = 50 * NS_PER_MS
debug_on = os.environ.get('LOOPLAB_PROBE_DEBUG') == '1'

# False after an internal error: every hook then steps aside for good.
enabled = True


def socket_path():
    path = os.environ.get('LOOPLAB_SOCKET')
    if path:
        return path
    runtime = os.environ.get('XDG_RUNTIME_DIR')
    if runtime:
        return os.path.join(runtime, 'looplab', 'looplab.sock')
    return '/tmp/looplab-%d/looplab.sock' % os.getuid()


def debug(message):
    # A guest says nothing unless asked to.
    if debug_on:
        try:
            sys.stderr.write('looplab_probe: %s\n' % message)
        except Exception:
            pass


def fail(where, exc):
    """An internal error: switch the probe off rather than disturb the program."""
    global enabled
    enabled = False
    debug('disabled after an error in %s: %r' % (where, exc))
