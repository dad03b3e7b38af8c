#!/usr/bin/env python3
"""A program that floods Loop Lab with events: ticks and task spans at RATE events/s for
SECONDS, over the stream protocol (docs/PROTOCOL.md), as fast as the socket takes them.
Prints one JSON line: sent, seconds, achieved rate, and how long the sender waited on the socket.
Usage: flood.py SOCKET RATE SECONDS"""
import json
import os
import socket
import sys
import threading
import time


def main():
    path, rate, seconds = sys.argv[1], int(sys.argv[2]), float(sys.argv[3])
    for _ in range(100):  # Loop Lab may still be starting
        try:
            sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            sock.connect(path)
            break
        except OSError:
            time.sleep(0.05)
    else:
        sys.exit('cannot connect to ' + path)
    pid, tid = os.getpid(), threading.get_native_id()
    us = lambda: time.monotonic_ns() / 1000.0
    hello = {'ph': 'M', 'name': 'looplab_hello', 'pid': pid, 'tid': tid, 'ts': us(),
             'args': {'protocol': 1, 'program': 'flood.py', 'runtime': 'python', 'clock': 'monotonic',
                      'interval_ms': 1, 'loop_tid': tid}}
    sock.sendall((json.dumps(hello) + '\n').encode())
    sent, blocked = 0, 0.0
    start = time.monotonic()
    batch = max(1, rate // 100)  # 100 batches a second
    while time.monotonic() - start < seconds:
        t = us()
        lines = []
        for i in range(batch):
            if i % 2:
                lines.append('{"ph":"C","cat":"looplab.tick","name":"loop lag","pid":%d,"tid":%d,"ts":%.3f,"args":{"lag_ms":0.05}}'
                             % (pid, tid, t + i))
            else:
                lines.append('{"ph":"X","cat":"looplab.task","name":"work","pid":%d,"tid":%d,"ts":%.3f,"dur":5.0}'
                             % (pid, tid + 1, t + i))
        data = ('\n'.join(lines) + '\n').encode()
        before = time.monotonic()
        sock.sendall(data)
        blocked += time.monotonic() - before
        sent += batch
        due = start + sent / rate
        pause = due - time.monotonic()
        if pause > 0:
            time.sleep(pause)
    elapsed = time.monotonic() - start
    sock.close()
    print(json.dumps({'sent': sent, 'seconds': round(elapsed, 2), 'rate': round(sent / elapsed),
                      'blocked_s': round(blocked, 2)}))


if __name__ == '__main__':
    main()
