#!/usr/bin/env python3
"""asyncio peer for Loop Lab: same ticker semantics, same workloads, same summary JSON fields.

Ticker: fixed-rate schedule (deadline += interval; if a tick is late by a whole interval or more,
the schedule restarts from the late tick). Lateness = actual wake - deadline, measured with
time.monotonic() (CLOCK_MONOTONIC, the same clock loop.time() uses) as the first thing after waking.

Modes: inline  = call the blocking function inside the coroutine (blocks the loop)
       thread  = asyncio.to_thread (default executor: min(32, cpu+4) threads)
       process = loop.run_in_executor(ProcessPoolExecutor(2)); the cpu document is pickled and
                 sent to the worker with every task (like Loop Lab's process mode pipe).
Stdlib only.
"""
import argparse
import asyncio
import concurrent.futures
import json
import math
import os
import sys
import time

LONG_TASK_MS = 50.0


def generate_json(kb):
    """Byte-for-byte copy of Workload::generateJson (core/engine/workload.cpp)."""
    target = max(1, kb) * 1024
    parts = ['{"service":"looplab","version":1,"records":[']
    size = len(parts[0])
    i = 0
    while size < target:
        n = str(i)
        rec = ('{"id":' + n + ',"name":"item-' + n + '","active":' + ('true' if i % 3 else 'false')
               + ',"score":' + ('%.3f' % ((i % 997) / 7.0))
               + ',"tags":["t' + str(i % 13) + '","t' + str(i % 29)
               + '"],"owner":{"uid":' + str(i * 31 % 10007) + ',"group":"g'
               + str(i % 17) + '","meta":{"created":' + str(1700000000 + i)
               + ',"flags":[{"k":"a"},{"k":"b"}]}}}')
        if i:
            rec = ',' + rec
        parts.append(rec)
        size += len(rec)
        i += 1
    parts.append(']}')
    return ''.join(parts), i


def count_keys(value):
    if isinstance(value, dict):
        c = 0
        for v in value.values():
            c += 1 + count_keys(v)
        return c
    if isinstance(value, list):
        c = 0
        for v in value:
            c += count_keys(v)
        return c
    return 0


def cpu_task(doc):
    start = time.monotonic()
    keys = count_keys(json.loads(doc))
    return start, time.monotonic(), keys


def io_task(ms):
    start = time.monotonic()
    end = start + ms / 1000.0
    now = start
    while now < end:  # like Workload::blockingIo: sleep until the deadline
        time.sleep(end - now)
        now = time.monotonic()
    return start, now, 0


def nearest_rank(sorted_vals, p):
    if not sorted_vals:
        return 0.0
    rank = math.ceil(p / 100.0 * len(sorted_vals))
    idx = min(max(rank - 1, 0), len(sorted_vals) - 1)
    return sorted_vals[idx]


def union_length(intervals):
    total = 0.0
    cur_s = cur_e = None
    for s, e in sorted(intervals):
        if e <= s:
            continue
        if cur_s is None or s > cur_e:
            if cur_s is not None:
                total += cur_e - cur_s
            cur_s, cur_e = s, e
        else:
            cur_e = max(cur_e, e)
    if cur_s is not None:
        total += cur_e - cur_s
    return total


async def main_async(args):
    loop = asyncio.get_running_loop()
    interval = args.interval / 1000.0
    period = args.period / 1000.0
    doc = None
    if args.work == 'cpu':
        doc, records = generate_json(args.json_kb)
        expected = 3 + 13 * records
        got = count_keys(json.loads(doc))
        if got != expected:
            print(f'key count mismatch: {got} != {expected}', file=sys.stderr)
            sys.exit(2)
        print(f'document: {len(doc)} bytes, {records} records, {got} keys', file=sys.stderr)

    pool = None
    if args.mode == 'process':
        pool = concurrent.futures.ProcessPoolExecutor(2)
        # Warm the workers up so process start-up is not charged to the first tasks.
        await asyncio.gather(*(loop.run_in_executor(pool, time.monotonic) for _ in range(2)))

    lateness = []        # ms
    task_ms = []
    wait_ms = []
    loop_busy = []       # (start, end) seconds, inline tasks only
    pending = set()
    stop = asyncio.Event()

    start_t = time.monotonic()
    end_t = start_t + args.duration

    async def sleep_until(deadline):
        # Through the timer heap even when already due (not sleep(0)), so that when the ticker and
        # the producer are both overdue they resume in deadline order, as Qt's timers do.
        fut = loop.create_future()
        h = loop.call_at(deadline, fut.set_result, None)
        try:
            await fut
        finally:
            h.cancel()

    async def ticker():
        expected = time.monotonic() + interval
        while True:
            await sleep_until(expected)
            actual = time.monotonic()
            if actual >= end_t:
                return
            # Same as Loop Lab: a "spurious" early wake-up (asyncio rounds by clock resolution)
            # is not a tick; wait again.
            if actual < expected:
                continue
            late = actual - expected
            lateness.append(late * 1000.0)
            if late >= interval:
                expected = actual + interval
            else:
                expected += interval

    async def run_one(submit):
        if args.mode == 'inline':
            s, e, _ = io_task(args.io_ms) if args.work == 'io' else cpu_task(doc)
            loop_busy.append((s, e))
        elif args.mode == 'thread':
            if args.work == 'io':
                s, e, _ = await asyncio.to_thread(io_task, args.io_ms)
            else:
                s, e, _ = await asyncio.to_thread(cpu_task, doc)
        else:
            if args.work == 'io':
                s, e, _ = await loop.run_in_executor(pool, io_task, args.io_ms)
            else:
                s, e, _ = await loop.run_in_executor(pool, cpu_task, doc)
        task_ms.append((e - s) * 1000.0)
        wait_ms.append((s - submit) * 1000.0)

    async def producer():
        # QTimer-like: start every period after the previous timer event.
        nxt = time.monotonic() + period
        while True:
            await sleep_until(nxt)
            now = time.monotonic()
            if now >= end_t:
                return
            if args.mode == 'inline':
                await run_one(now)
            else:
                t = asyncio.ensure_future(run_one(now))
                pending.add(t)
                t.add_done_callback(pending.discard)
            nxt += period  # QTimer: next = timeout + interval, or now + interval if already past
            if nxt < now:
                nxt = now + period

    await asyncio.gather(ticker(), producer())
    stop_t = time.monotonic()
    # Tasks still running at the end are not counted (Loop Lab cancels them at the end of a run).
    for t in list(pending):
        t.cancel()
    if pool:
        procs = list(pool._processes.values())  # don't let a still-running task delay exit
        pool.shutdown(wait=False, cancel_futures=True)
        for pr in procs:
            pr.terminate()

    run_s = stop_t - start_t
    lat = sorted(lateness)
    summary = {
        'tool': 'asyncio',
        'work': args.work,
        'mode': args.mode,
        'duration_s': round(run_s, 3),
        'interval_ms': args.interval,
        'ticks': len(lat),
        'p50_ms': nearest_rank(lat, 50),
        'p95_ms': nearest_rank(lat, 95),
        'p99_ms': nearest_rank(lat, 99),
        'max_ms': lat[-1] if lat else 0.0,
        'tasks': len(task_ms),
        'task_ms_median': nearest_rank(sorted(task_ms), 50),
        'queue_wait_ms_median': nearest_rank(sorted(wait_ms), 50),
        'long_tasks': sum(1 for x in lat if x >= LONG_TASK_MS),
        'loop_busy_pct': 100.0 * union_length(loop_busy) / run_s if run_s > 0 else 0.0,
    }
    text = json.dumps(summary, indent=2)
    if args.summary_json:
        with open(args.summary_json, 'w') as f:
            f.write(text + '\n')
    print(text)


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument('--work', choices=['io', 'cpu'], default='io')
    p.add_argument('--mode', choices=['inline', 'thread', 'process'], default='thread')
    p.add_argument('--duration', type=float, default=10)
    p.add_argument('--interval', type=int, default=10)
    p.add_argument('--period', type=int, default=100)
    p.add_argument('--io-ms', type=int, default=200)
    p.add_argument('--json-kb', type=int, default=2048)
    p.add_argument('--summary-json')
    p.add_argument('--dump-json', help='write the generated document to this file and exit')
    args = p.parse_args()
    if args.dump_json:
        doc, _ = generate_json(args.json_kb)
        with open(args.dump_json, 'w') as f:
            f.write(doc)
        return
    asyncio.run(main_async(args))
    # Do not wait for a still-running to_thread task (default executor) at exit.
    sys.stdout.flush()
    os._exit(0)


if __name__ == '__main__':
    main()
