#!/usr/bin/env node
// Node peer for Loop Lab: same ticker semantics, same workloads, same summary JSON fields.
//
// Ticker: setTimeout to the next fixed-rate deadline (deadline += interval; if a tick is late by a
// whole interval or more the schedule restarts from the late tick). Times come from
// process.hrtime.bigint() (uv_hrtime = CLOCK_MONOTONIC, shared by all threads), read first thing
// in the callback. setTimeout only has 1 ms granularity, so the delay is rounded up and an early
// wake-up is re-armed rather than counted (like Loop Lab's spurious timerfd wake-ups).
//
// Modes: inline = run the blocking function synchronously on the main thread
//        worker = node:worker_threads pool of 2. For cpu work the JSON document is generated ONCE
//                 in the main thread and posted to each worker ONCE at start-up (structured clone of
//                 the string); tasks then only carry an id, so each task does JSON.parse + walk on the
//                 worker's own copy (comparable to Loop Lab's pool mode, which passes it by reference).
// io task = blocking sleep via Atomics.wait (a real thread block, like clock_nanosleep).
'use strict';
const { Worker, isMainThread, parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');

const nowNs = () => process.hrtime.bigint();
const LONG_TASK_MS = 50;

function generateJson(kb) {
  // Byte-for-byte copy of Workload::generateJson (core/engine/workload.cpp).
  const target = Math.max(1, kb) * 1024;
  const parts = ['{"service":"looplab","version":1,"records":['];
  let size = parts[0].length;
  let i = 0;
  for (; size < target; ++i) {
    const n = String(i);
    let rec = '{"id":' + n + ',"name":"item-' + n + '","active":' + (i % 3 ? 'true' : 'false') +
      ',"score":' + ((i % 997) / 7.0).toFixed(3) +
      ',"tags":["t' + (i % 13) + '","t' + (i % 29) +
      '"],"owner":{"uid":' + (i * 31 % 10007) + ',"group":"g' +
      (i % 17) + '","meta":{"created":' + (1700000000 + i) +
      ',"flags":[{"k":"a"},{"k":"b"}]}}}';
    if (i) rec = ',' + rec;
    parts.push(rec);
    size += rec.length;
  }
  parts.push(']}');
  return { doc: parts.join(''), records: i };
}

function countKeys(v) {
  if (Array.isArray(v)) {
    let c = 0;
    for (const x of v) c += countKeys(x);
    return c;
  }
  if (v !== null && typeof v === 'object') {
    let c = 0;
    for (const k in v) c += 1 + countKeys(v[k]);
    return c;
  }
  return 0;
}

const sleepCell = new Int32Array(new SharedArrayBuffer(4));
function ioTask(ms) {
  const start = nowNs();
  const end = start + BigInt(ms) * 1000000n;
  let now = start;
  while (now < end) {
    Atomics.wait(sleepCell, 0, 0, Number(end - now) / 1e6);
    now = nowNs();
  }
  return [start, now];
}

function cpuTask(doc) {
  const start = nowNs();
  const keys = countKeys(JSON.parse(doc));
  return [start, nowNs(), keys];
}

if (!isMainThread) {
  const { work, ioMs } = workerData;
  let doc = null;
  parentPort.on('message', (m) => {
    if (m.doc !== undefined) { doc = m.doc; parentPort.postMessage({ ready: true }); return; }
    const [s, e] = work === 'io' ? ioTask(ioMs) : cpuTask(doc);
    parentPort.postMessage({ id: m.id, s, e });
  });
  return;
}

function parseArgs(argv) {
  const a = { work: 'io', mode: 'worker', duration: 10, interval: 10, period: 100, ioMs: 200, jsonKb: 2048, summaryJson: null, dumpJson: null };
  const map = { '--work': 'work', '--mode': 'mode', '--duration': 'duration', '--interval': 'interval', '--period': 'period',
    '--io-ms': 'ioMs', '--json-kb': 'jsonKb', '--summary-json': 'summaryJson', '--dump-json': 'dumpJson' };
  for (let i = 0; i < argv.length; i += 2) {
    const key = map[argv[i]];
    if (!key || i + 1 >= argv.length) { console.error(`bad option ${argv[i]}`); process.exit(2); }
    a[key] = ['work', 'mode', 'summaryJson', 'dumpJson'].includes(key) ? argv[i + 1] : Number(argv[i + 1]);
  }
  if (!['io', 'cpu'].includes(a.work) || !['inline', 'worker'].includes(a.mode)) {
    console.error('--work io|cpu --mode inline|worker'); process.exit(2);
  }
  return a;
}

const nearestRank = (sorted, p) => {
  if (!sorted.length) return 0;
  const rank = Math.ceil(p / 100 * sorted.length);
  return sorted[Math.min(Math.max(rank - 1, 0), sorted.length - 1)];
};
const sortNum = (xs) => xs.slice().sort((x, y) => x - y);

async function main() {
  const args = parseArgs(process.argv.slice(2));
  let doc = null;
  if (args.work === 'cpu' || args.dumpJson) {
    const g = generateJson(args.jsonKb);
    doc = g.doc;
    if (args.dumpJson) { fs.writeFileSync(args.dumpJson, doc); return; }
    const keys = countKeys(JSON.parse(doc));
    if (keys !== 3 + 13 * g.records) { console.error(`key count mismatch ${keys}`); process.exit(2); }
    console.error(`document: ${doc.length} bytes, ${g.records} records, ${keys} keys`);
  }
  const intervalNs = BigInt(args.interval) * 1000000n;
  const periodNs = BigInt(args.period) * 1000000n;

  // Worker pool (started and fed the document before the run starts).
  const workers = [];
  const queue = [];
  const submitted = new Map();
  const taskMs = [], waitMs = [], loopBusy = [];
  let nextId = 0;
  function dispatch() {
    for (const w of workers) {
      if (!w.busy && queue.length) {
        const id = queue.shift();
        w.busy = true;
        w.worker.postMessage({ id });
      }
    }
  }
  if (args.mode === 'worker') {
    const readies = [];
    for (let i = 0; i < 2; ++i) {
      const worker = new Worker(__filename, { workerData: { work: args.work, ioMs: args.ioMs } });
      const w = { worker, busy: false };
      workers.push(w);
      readies.push(new Promise((resolve) => {
        worker.on('message', (m) => {
          if (m.ready) { resolve(); return; }
          w.busy = false;
          const sub = submitted.get(m.id);
          submitted.delete(m.id);
          taskMs.push(Number(m.e - m.s) / 1e6);
          waitMs.push(Number(m.s - sub) / 1e6);
          dispatch();
        });
      }));
      worker.postMessage({ doc: doc ?? '' });
    }
    await Promise.all(readies);
  }

  const lateness = [];
  const startNs = nowNs();
  const endNs = startNs + BigInt(Math.round(args.duration * 1e9));
  let finished = 0;

  const arm = (deadline, fn) => {
    const delayMs = Number(deadline - nowNs()) / 1e6;
    return setTimeout(fn, delayMs > 0 ? Math.ceil(delayMs) : 0);
  };

  let expected = startNs + intervalNs;
  const tick = () => {
    const actual = nowNs();
    if (actual >= endNs) return done();
    if (actual < expected) { arm(expected, tick); return; } // early: not a tick yet
    const late = actual - expected;
    lateness.push(Number(late) / 1e6);
    expected = late >= intervalNs ? actual + intervalNs : expected + intervalNs;
    arm(expected, tick);
  };
  arm(expected, tick);

  let nextSubmit = startNs + periodNs;
  const produce = () => {
    const now = nowNs();
    if (now >= endNs) return done();
    if (now < nextSubmit) { arm(nextSubmit, produce); return; }
    if (args.mode === 'inline') {
      const [s, e] = args.work === 'io' ? ioTask(args.ioMs) : cpuTask(doc);
      loopBusy.push([s, e]);
      taskMs.push(Number(e - s) / 1e6);
      waitMs.push(Number(s - now) / 1e6);
    } else {
      const id = nextId++;
      submitted.set(id, now);
      queue.push(id);
      dispatch();
    }
    nextSubmit += periodNs; // QTimer-like: restart from now if already past
    if (nextSubmit < now) nextSubmit = now + periodNs; // QTimer: judged by the time the timer fired
    arm(nextSubmit, produce);
  };
  arm(nextSubmit, produce);

  function done() {
    if (++finished < 2) return;
    const stopNs = nowNs();
    const runS = Number(stopNs - startNs) / 1e9;
    // Busy union (inline tasks never overlap, but be safe).
    loopBusy.sort((x, y) => (x[0] < y[0] ? -1 : 1));
    let busy = 0n, cs = null, ce = null;
    for (const [s, e] of loopBusy) {
      if (cs === null || s > ce) { if (cs !== null) busy += ce - cs; cs = s; ce = e; } else if (e > ce) ce = e;
    }
    if (cs !== null) busy += ce - cs;
    const lat = sortNum(lateness);
    const summary = {
      tool: 'node', work: args.work, mode: args.mode,
      duration_s: Math.round(runS * 1000) / 1000, interval_ms: args.interval,
      ticks: lat.length,
      p50_ms: nearestRank(lat, 50), p95_ms: nearestRank(lat, 95), p99_ms: nearestRank(lat, 99),
      max_ms: lat.length ? lat[lat.length - 1] : 0,
      tasks: taskMs.length,
      task_ms_median: nearestRank(sortNum(taskMs), 50),
      queue_wait_ms_median: nearestRank(sortNum(waitMs), 50),
      long_tasks: lat.filter((x) => x >= LONG_TASK_MS).length,
      loop_busy_pct: runS > 0 ? 100 * (Number(busy) / 1e9) / runS : 0,
    };
    const text = JSON.stringify(summary, null, 2);
    if (args.summaryJson) fs.writeFileSync(args.summaryJson, text + '\n');
    console.log(text);
    for (const w of workers) w.worker.terminate();
    process.exit(0);
  }
}

main();
