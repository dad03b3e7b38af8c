"""The asyncio probe against a fake Loop Lab: small real programs in subprocesses, their
streams checked against docs/PROTOCOL.md. Standard library only."""
import json
import math
import os
import socket
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
import unittest

PROBE_DIR = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if PROBE_DIR not in sys.path:
    sys.path.insert(0, PROBE_DIR)

PHASES = {'M', 'X', 'B', 'E', 'C', 'i'}

# asyncio.to_thread is 3.9+: on 3.8 the test programs get the same partial through the
# default executor, as to_thread itself does.
TO_THREAD = """\
import asyncio, contextvars, functools
if not hasattr(asyncio, 'to_thread'):
    async def _to_thread(func, *args):
        call = functools.partial(contextvars.copy_context().run, func, *args)
        return await asyncio.get_running_loop().run_in_executor(None, call)
    asyncio.to_thread = _to_thread
"""


class FakeLoopLab:
    """A Unix socket server in a temp dir collecting each connection's lines. With
    close_after=n it hangs up on the first connection after n lines."""

    def __init__(self, folder, close_after=None):
        self.path = os.path.join(folder, 'looplab.sock')
        self.connections = []
        self._close_after = close_after
        self._server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self._server.bind(self.path)
        self._server.listen(8)
        self._threads = []
        self._accepter = threading.Thread(target=self._accept, daemon=True)
        self._accepter.start()

    def _accept(self):
        while True:
            try:
                conn, _ = self._server.accept()
            except OSError:
                return
            lines = []
            self.connections.append(lines)
            limit = self._close_after if len(self.connections) == 1 else None
            reader = threading.Thread(target=self._read, args=(conn, lines, limit), daemon=True)
            reader.start()
            self._threads.append(reader)

    def _read(self, conn, lines, limit):
        buffer = b''
        with conn:
            while limit is None or len(lines) < limit:
                data = conn.recv(65536)
                if not data:
                    break
                buffer += data
                *complete, buffer = buffer.split(b'\n')
                lines.extend(complete)
        if buffer and limit is None:
            lines.append(buffer)    # a cut line: the checks below will fail on it

    def close(self):
        self._server.close()
        for reader in self._threads:
            reader.join(2)

    def events(self, index=0):
        return [json.loads(line) for line in self.connections[index]]


def check_event(test, event):
    """A valid Chrome trace event with the protocol's common fields."""
    test.assertIsInstance(event, dict)
    test.assertIn(event.get('ph'), PHASES, event)
    test.assertIsInstance(event.get('name'), str, event)
    for field in ('pid', 'tid'):
        test.assertIsInstance(event.get(field), int, event)
    test.assertIsInstance(event.get('ts'), (int, float), event)
    test.assertTrue(math.isfinite(event['ts']) and event['ts'] >= 0, event)
    if 'args' in event:
        test.assertIsInstance(event['args'], dict, event)
    if event['ph'] == 'X':
        test.assertIsInstance(event.get('dur'), (int, float), event)
        test.assertGreaterEqual(event['dur'], 0, event)
    cat = event.get('cat')
    if cat == 'looplab.tick':
        test.assertGreaterEqual(event['args']['lag_ms'], 0)
    if cat == 'looplab.stall':
        test.assertIsInstance(event['args']['culprit'], str)
    if cat == 'looplab.task':
        args = event['args']
        test.assertIn(args.get('state', 'done'), ('done', 'failed', 'cancelled'))
        test.assertIn(args.get('kind', 'executor'), ('executor', 'callback', 'task'))
        if 'submit_us' in args:
            test.assertLessEqual(args['submit_us'], event['ts'])


def check_stream(test, events):
    """Hello first and only once, well formed; every event valid and near the hello."""
    test.assertTrue(events, 'no events')
    hello = events[0]
    check_event(test, hello)
    test.assertEqual(hello['ph'], 'M')
    test.assertEqual(hello['name'], 'looplab_hello')
    args = hello['args']
    test.assertEqual(args['protocol'], 1)
    test.assertEqual(args['runtime'], 'python')
    test.assertEqual(args['clock'], 'monotonic')
    test.assertIsInstance(args['program'], str)
    test.assertTrue(1 <= args['interval_ms'] <= 10000)
    test.assertIsInstance(args['loop_tid'], int)
    test.assertEqual(hello['pid'], hello['tid'])
    for event in events[1:]:
        check_event(test, event)
        test.assertNotEqual(event['name'], 'looplab_hello')
        test.assertEqual(event['pid'], hello['pid'])
        if event['ts'] != 0:
            test.assertLess(abs(event['ts'] - hello['ts']), 7 * 86400e6)
    return hello


def wait_for(predicate, timeout=3.0):
    end = time.monotonic() + timeout
    while not predicate() and time.monotonic() < end:
        time.sleep(0.02)
    return predicate()


def lags(events):
    return sorted(e['args']['lag_ms'] for e in events if e.get('cat') == 'looplab.tick')


def p99(values):
    return values[min(len(values) - 1, int(len(values) * 0.99))]


class ProbeTest(unittest.TestCase):
    def setUp(self):
        self._dir = tempfile.TemporaryDirectory(prefix='looplab-test-')
        self.folder = self._dir.name
        self.looplab = None

    def tearDown(self):
        if self.looplab is not None:
            self.looplab.close()
        self._dir.cleanup()

    def listen(self, **kwargs):
        self.looplab = FakeLoopLab(self.folder, **kwargs)
        return self.looplab

    def script(self, name, text):
        path = os.path.join(self.folder, name)
        text = textwrap.dedent(text)
        with open(path, 'w') as f:
            f.write(TO_THREAD + text if 'to_thread' in text else text)
        return path

    def env(self, **extra):
        env = dict(os.environ)
        env.pop('LOOPLAB_PROBE', None)
        env.pop('LOOPLAB_PROBE_DEBUG', None)
        env['PYTHONPATH'] = PROBE_DIR
        env['LOOPLAB_SOCKET'] = self.looplab.path if self.looplab else \
            os.path.join(self.folder, 'nobody', 'looplab.sock')
        env.update(extra)
        return env

    def run_probed(self, script, *args, env=None, probe=True):
        command = [sys.executable] + (['-m', 'looplab_probe'] if probe else []) + [script]
        return subprocess.run(command + list(args), env=env or self.env(), cwd=self.folder,
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              universal_newlines=True, timeout=30)

    def wait_for(self, predicate):
        return wait_for(predicate)

    def test_stall_culprit_names_the_blocking_coroutine(self):
        self.listen()
        script = self.script('app.py', '''\
            import asyncio, time

            async def ticker():
                for _ in range(5):
                    await asyncio.sleep(0.05)

            async def fetch_report():
                await asyncio.sleep(0.1)
                time.sleep(0.3)

            async def main():
                await asyncio.gather(ticker(), fetch_report())
                await asyncio.sleep(0.1)
                print('ok')

            asyncio.run(main())
            ''')
        result = self.run_probed(script, 'extra-arg')
        self.assertEqual((result.returncode, result.stdout, result.stderr), (0, 'ok\n', ''))
        self.assertTrue(self.wait_for(lambda: self.looplab.connections and any(
            b'looplab.stall' in line for line in self.looplab.connections[0])))
        events = self.looplab.events()
        hello = check_stream(self, events)
        self.assertEqual(hello['args']['program'], 'app.py')
        self.assertEqual(hello['args']['interval_ms'], 10)
        stalls = [e for e in events if e.get('cat') == 'looplab.stall']
        self.assertEqual(len(stalls), 1, stalls)
        stall = stalls[0]
        self.assertEqual(stall['tid'], hello['args']['loop_tid'])
        self.assertGreaterEqual(stall['dur'], 250e3)
        self.assertLess(stall['dur'], 1000e3)
        culprit = stall['args']['culprit']
        self.assertTrue(culprit.startswith('time.sleep \u2190 fetch_report (app.py:9)'), culprit)
        self.assertEqual(stall['args']['frames'][0],
                         {'function': 'fetch_report', 'file': script, 'line': 9})
        self.assertRegex(stall['args']['task'], r'^Task-\d+$')
        # Fixed rate, restarted after the stall: one late tick, not a burst of catch-up ones.
        self.assertEqual(len([lag for lag in lags(events) if lag >= 50]), 1)
        steps = [e for e in events if e.get('cat') == 'looplab.task' and e['args']['kind'] == 'task']
        self.assertEqual([e['name'] for e in steps], ['fetch_report'])
        self.assertGreaterEqual(steps[0]['dur'], 290e3)

    def test_executor_spans_on_worker_threads(self):
        self.listen()
        script = self.script('work.py', '''\
            import asyncio, functools, time

            def crunch(n):
                time.sleep(0.05)
                return n * 2

            def broken():
                raise ValueError('no')

            async def main():
                loop = asyncio.get_running_loop()
                first = await asyncio.gather(*(asyncio.to_thread(crunch, n) for n in range(3)))
                second = await loop.run_in_executor(None, functools.partial(crunch, 5))
                try:
                    await loop.run_in_executor(None, broken)
                except ValueError:
                    pass
                await asyncio.sleep(0.1)
                print(first, second)

            asyncio.run(main())
            ''')
        result = self.run_probed(script)
        self.assertEqual((result.returncode, result.stdout, result.stderr), (0, '[0, 2, 4] 10\n', ''))
        self.assertTrue(self.wait_for(lambda: self.looplab.connections and sum(
            b'looplab.task' in line for line in self.looplab.connections[0]) >= 5))
        events = self.looplab.events()
        hello = check_stream(self, events)
        loop_tid = hello['args']['loop_tid']
        spans = [e for e in events if e.get('cat') == 'looplab.task' and e['args']['kind'] == 'executor']
        self.assertEqual(sorted(e['name'] for e in spans), ['broken', 'crunch', 'crunch', 'crunch', 'crunch'])
        names = {e['tid']: e['args']['name'] for e in events if e['name'] == 'thread_name'}
        for span in spans:
            self.assertNotEqual(span['tid'], loop_tid)
            # asyncio_0, ...; 3.8's default executor has no name prefix.
            self.assertRegex(names.get(span['tid'], ''), r'^(asyncio|ThreadPoolExecutor-\d+)_\d+$')
            self.assertLessEqual(span['args']['submit_us'], span['ts'])
            self.assertEqual(span['args']['state'], 'failed' if span['name'] == 'broken' else 'done')
            if span['name'] == 'crunch':
                self.assertGreaterEqual(span['dur'], 45e3)
        self.assertGreaterEqual(len({s['tid'] for s in spans}), 2)
        ticks = lags(events)
        self.assertGreater(len(ticks), 10)
        self.assertLess(p99(ticks), 100)
        self.assertFalse([e for e in events if e.get('cat') == 'looplab.stall'])

    def test_without_looplab_the_program_is_unaffected(self):
        script = self.script('plain.py', '''\
            import asyncio, sys, threading

            async def main():
                await asyncio.gather(*(asyncio.to_thread(sum, range(n)) for n in range(5)))
                await asyncio.sleep(0.2)
                print('threads', threading.active_count() <= 1 + 2 + 5, file=sys.stderr)
                print('result', 42)
                sys.exit(3)

            asyncio.run(main())
            ''')
        before = sorted(os.listdir(self.folder))
        plain = self.run_probed(script, probe=False)
        started = time.monotonic()
        probed = self.run_probed(script)
        elapsed = time.monotonic() - started
        self.assertEqual(plain.returncode, 3)
        self.assertEqual((probed.returncode, probed.stdout, probed.stderr),
                         (plain.returncode, plain.stdout, plain.stderr))
        self.assertEqual(probed.stderr, 'threads True\n')
        self.assertLess(elapsed, 3.0)
        self.assertEqual(sorted(os.listdir(self.folder)), before)

    def test_looplab_hanging_up_mid_run(self):
        self.listen(close_after=5)
        script = self.script('long.py', '''\
            import asyncio

            async def main():
                for beat in range(15):
                    await asyncio.sleep(0.1)
                    await asyncio.to_thread(sum, range(1000))
                print('beats', beat + 1)

            asyncio.run(main())
            ''')
        result = self.run_probed(script)
        self.assertEqual((result.returncode, result.stdout, result.stderr), (0, 'beats 15\n', ''))
        # It came back with a new hello on a new connection.
        self.assertTrue(self.wait_for(lambda: len(self.looplab.connections) >= 2))
        self.assertTrue(self.wait_for(lambda: any(
            b'looplab.tick' in line for line in self.looplab.connections[1])))
        self.assertGreaterEqual(len(self.looplab.connections[0]), 5)
        check_stream(self, self.looplab.events(0))
        check_stream(self, self.looplab.events(1))

    def test_sitecustomize_installs_and_chains(self):
        self.listen()
        theirs = os.path.join(self.folder, 'theirs')
        os.mkdir(theirs)
        with open(os.path.join(theirs, 'sitecustomize.py'), 'w') as f:
            f.write('import sys\nsys.stdout.write("their sitecustomize ran\\n")\n')
        script = self.script('site_app.py', '''\
            import asyncio, sys

            async def main():
                await asyncio.to_thread(sum, range(10))
                await asyncio.sleep(0.1)
                print('argv', sys.argv[1:])

            asyncio.run(main())
            ''')
        env = self.env(PYTHONPATH=os.pathsep.join([PROBE_DIR, theirs]), LOOPLAB_PROBE='1')
        result = self.run_probed(script, 'a', env=env, probe=False)
        self.assertEqual((result.returncode, result.stderr), (0, ''))
        self.assertEqual(result.stdout, "their sitecustomize ran\nargv ['a']\n")
        self.assertTrue(self.wait_for(lambda: self.looplab.connections and any(
            b'looplab.task' in line for line in self.looplab.connections[0])))
        hello = check_stream(self, self.looplab.events())
        self.assertEqual(hello['args']['program'], 'site_app.py')
        # Without LOOPLAB_PROBE=1 it only chains.
        env.pop('LOOPLAB_PROBE')
        result = self.run_probed(script, 'b', env=env, probe=False)
        self.assertEqual(result.stdout, "their sitecustomize ran\nargv ['b']\n")
        time.sleep(0.2)
        self.assertEqual(len(self.looplab.connections), 1)

    def test_user_exceptions_propagate(self):
        script = self.script('fails.py', '''\
            import asyncio

            async def main():
                await asyncio.sleep(0.01)
                raise ValueError('boom')

            asyncio.run(main())
            ''')
        for extra in ({}, {'LOOPLAB_PROBE': '1'}):
            self.listen() if self.looplab is None else None
            result = self.run_probed(script, env=self.env(**extra), probe=not extra)
            self.assertEqual(result.returncode, 1)
            self.assertEqual(result.stdout, '')
            self.assertTrue(result.stderr.startswith('Traceback (most recent call last):'))
            self.assertIn('fails.py", line 5, in main', result.stderr)
            self.assertTrue(result.stderr.endswith('ValueError: boom\n'), result.stderr)

    def test_slow_callback_is_a_callback_span(self):
        self.listen()
        script = self.script('slow.py', '''\
            import asyncio, time

            def busy():
                end = time.monotonic() + 0.08
                while time.monotonic() < end:
                    pass

            async def main():
                asyncio.get_running_loop().call_soon(busy)
                await asyncio.sleep(0.15)

            asyncio.run(main())
            ''')
        result = self.run_probed(script, env=self.env(LOOPLAB_SLOW_MS='60'))
        self.assertEqual((result.returncode, result.stderr), (0, ''))
        self.assertTrue(self.wait_for(lambda: self.looplab.connections and any(
            b'looplab.stall' in line for line in self.looplab.connections[0])))
        events = self.looplab.events()
        check_stream(self, events)
        slow = [e for e in events if e.get('cat') == 'looplab.task']
        self.assertEqual([(e['name'], e['args']['kind']) for e in slow], [('busy', 'callback')])
        stall = [e for e in events if e.get('cat') == 'looplab.stall'][0]
        self.assertIn('busy (slow.py:', stall['args']['culprit'])


class InstallTest(unittest.TestCase):
    """In-process: install() patches an already imported asyncio, uninstall() restores it."""

    def test_install_and_uninstall(self):
        import asyncio.base_events
        import asyncio.events
        import looplab_probe
        loop_class = asyncio.base_events.BaseEventLoop
        before = (loop_class.run_forever, loop_class.run_in_executor, asyncio.events.Handle._run)
        looplab_probe.install()
        try:
            self.assertTrue(looplab_probe.installed())
            self.assertIsNot(loop_class.run_in_executor, before[1])
            loop = asyncio.new_event_loop()
            self.assertEqual(loop.run_until_complete(loop.run_in_executor(None, sum, [1, 2])), 3)
            loop.close()
        finally:
            looplab_probe.uninstall()
        self.assertFalse(looplab_probe.installed())
        self.assertEqual((loop_class.run_forever, loop_class.run_in_executor,
                          asyncio.events.Handle._run), before)


class SenderTest(unittest.TestCase):
    """In-process: a full queue drops and counts, and the count reaches Loop Lab."""

    def test_drops_are_counted_and_reported(self):
        from looplab_probe import _sender
        with tempfile.TemporaryDirectory(prefix='looplab-test-') as folder:
            looplab = FakeLoopLab(folder)
            old = os.environ.get('LOOPLAB_SOCKET')
            os.environ['LOOPLAB_SOCKET'] = looplab.path
            try:
                _sender.reset_after_fork()
                tid = threading.get_native_id()
                for n in range(_sender.MAX_QUEUED + 7):
                    _sender.push(('tick', tid, time.monotonic_ns(), n))
                self.assertEqual(_sender.dropped, 7)
                sender = _sender.Sender(tid)
                sender.start()
                sender.stop(2.0)
                self.assertFalse(sender.is_alive())
                self.assertTrue(wait_for(lambda: any(
                    b'dropped events' in line for line in looplab.connections[0])))
                events = looplab.events()
                check_stream(self, events)
                self.assertEqual(len([e for e in events if e.get('cat') == 'looplab.tick']),
                                 _sender.MAX_QUEUED)
                health = [e for e in events if e.get('cat') == 'looplab.probe']
                self.assertEqual([e['args']['value'] for e in health], [7])
            finally:
                if old is None:
                    os.environ.pop('LOOPLAB_SOCKET')
                else:
                    os.environ['LOOPLAB_SOCKET'] = old
                _sender.reset_after_fork()
                looplab.close()


if __name__ == '__main__':
    unittest.main()
