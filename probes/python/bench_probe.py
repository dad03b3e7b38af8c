"""What the asyncio probe costs: per executor call, per loop callback, and CPU of an idle
program with a 10 ms ticker. Prints a table. Standard library only.

    python3 probes/python/bench_probe.py [--seconds 10]
"""
import argparse
import asyncio
import concurrent.futures
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

import looplab_probe  # noqa: E402
from looplab_probe import _hooks, _sender  # noqa: E402


class InlineExecutor(concurrent.futures.ThreadPoolExecutor):
    """Runs the call at once on the caller: the executor's own cost out of the way, so what
    is left is asyncio's run_in_executor plus whatever the probe adds."""

    def submit(self, fn, *args, **kwargs):
        future = concurrent.futures.Future()
        future.set_result(fn(*args, **kwargs))
        return future


def work():
    return 1


def time_executor_calls(loop, pool, calls):
    start = time.perf_counter_ns()
    for _ in range(calls):
        loop.run_in_executor(pool, work)
    elapsed = time.perf_counter_ns() - start
    loop.run_until_complete(asyncio.sleep(0))   # let wrap_future's callbacks run
    _sender._queue.clear()
    return elapsed / calls


def time_callbacks(loop, calls):
    for _ in range(calls):
        loop.call_soon(work)
    start = time.perf_counter_ns()
    loop.run_until_complete(asyncio.sleep(0))
    return (time.perf_counter_ns() - start) / calls


def time_to_thread(loop, calls):
    async def many():
        for _ in range(calls):
            await asyncio.to_thread(work)
    start = time.perf_counter_ns()
    loop.run_until_complete(many())
    elapsed = time.perf_counter_ns() - start
    _sender._queue.clear()
    return elapsed / calls


def per_call_costs(rounds=15, calls=2000):
    """Alternate probe off / on, take medians: the machine's load drifts between rounds."""
    import asyncio.base_events
    plain = {'executor': [], 'callback': [], 'to_thread': []}
    probed = {'executor': [], 'callback': [], 'to_thread': []}
    pool = InlineExecutor()
    loop = asyncio.new_event_loop()
    for _ in range(rounds):
        for table, on in ((plain, False), (probed, True)):
            if on:
                _hooks.patch()
            table['executor'].append(time_executor_calls(loop, pool, calls))
            table['callback'].append(time_callbacks(loop, calls))
            table['to_thread'].append(time_to_thread(loop, calls // 10))
            if on:
                _hooks.unpatch()
    loop.close()
    return {k: (min(plain[k]), min(probed[k]), statistics.median(plain[k]),
                statistics.median(probed[k])) for k in plain}


IDLE = '''
import asyncio
asyncio.run(asyncio.sleep(%f))
'''


def drain(server):
    def serve(conn):
        with conn:
            while conn.recv(65536):
                pass
    while True:
        try:
            conn, _ = server.accept()
        except OSError:
            return
        threading.Thread(target=serve, args=(conn,), daemon=True).start()


def idle_cpu(seconds):
    """CPU time (user + system) of an idle asyncio program over `seconds`, without the probe,
    with it but no Loop Lab, and with it streaming to a (draining) fake Loop Lab."""
    with tempfile.TemporaryDirectory(prefix='looplab-bench-') as folder:
        path = os.path.join(folder, 'looplab.sock')
        server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        server.bind(path)
        server.listen(4)
        threading.Thread(target=drain, args=(server,), daemon=True).start()
        env = dict(os.environ, PYTHONPATH=HERE, LOOPLAB_INTERVAL_MS='10')
        script = os.path.join(folder, 'idle.py')
        with open(script, 'w') as f:
            f.write(IDLE % seconds)
        runs = {
            'no probe': ([sys.executable, script], env),
            'probe, no Loop Lab': ([sys.executable, '-m', 'looplab_probe', script],
                                   dict(env, LOOPLAB_SOCKET=os.path.join(folder, 'absent.sock'))),
            'probe, streaming': ([sys.executable, '-m', 'looplab_probe', script],
                                 dict(env, LOOPLAB_SOCKET=path)),
        }
        children = {name: subprocess.Popen(cmd, env=e) for name, (cmd, e) in runs.items()}
        cpu = {}
        for name, child in children.items():
            _, status, usage = os.wait4(child.pid, 0)
            child.returncode = status
            cpu[name] = usage.ru_utime + usage.ru_stime
        server.close()
    return cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument('--seconds', type=float, default=10.0)
    args = parser.parse_args()
    looplab_probe._config.enabled = True
    print('python', sys.version.split()[0], '| load:', os.getloadavg(), '| cores:', os.cpu_count())
    costs = per_call_costs()
    print()
    print('%-38s %10s %10s %10s %14s' % ('per call, best of 15 rounds', 'plain µs', 'probed µs',
                                         'added µs', 'added, median'))
    labels = {'executor': 'run_in_executor (inline executor)',
              'callback': 'loop callback (Handle._run)',
              'to_thread': 'await asyncio.to_thread (real pool)'}
    for key, label in labels.items():
        plain, probed, plain_median, probed_median = costs[key]
        print('%-38s %10.2f %10.2f %10.2f %14.2f' % (label, plain / 1e3, probed / 1e3,
                                                 (probed - plain) / 1e3,
                                                 (probed_median - plain_median) / 1e3))
    cpu = idle_cpu(args.seconds)
    print()
    print('idle asyncio program, %.0f s, 10 ms ticker   CPU s   %% of one core' % args.seconds)
    for name, seconds in cpu.items():
        print('%-40s %7.3f %8.2f' % (name, seconds, 100.0 * seconds / args.seconds))
    base = cpu['no probe']
    print('%-40s %7.3f %8.2f' % ('added by the probe (streaming)', cpu['probe, streaming'] - base,
                                 100.0 * (cpu['probe, streaming'] - base) / args.seconds))


if __name__ == '__main__':
    main()
