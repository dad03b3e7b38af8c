#!/usr/bin/env bash
# Runs every benchmark and prints its tables (not part of the test run; about 7 minutes):
#   bench/micro/run.sh      recorder, dispatch, timeline paint, chart update, PNG export,
#                           memory per span, startup (Google Benchmark)
#   bench/fidelity/run.sh   the probe's floor against a bare clock_nanosleep loop, and the
#                           cost of watching (window under Xvfb against headless)
#   bench/peers/compare.sh  looplab against Python asyncio and Node on the same experiment
#   bench/peers/gil.sh      the GIL model against CPython's GIL on the same CPU work
#   bench/peers/probe.sh    the asyncio probe against the program's own ticker, same run
#   bench/peers/qtprobe.sh  the Qt probe against `looplab run --lesson L`'s own ticker
#   probes/python/bench_probe.py  the probe's own cost (per executor call, idle CPU)
#   bench/stream/flood.sh   100 k events/s for 60 s into looplab listen: loss, keeping up, memory;
#                           then into the window, with its own GUI loop's lag meanwhile
#   bench/lessons.sh        every lesson's lag with io and cpu work
# Run it on a quiet machine: tail percentiles on 2 cores move with any other load.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
source "$root/scripts/deps.sh"
looplab_install_deps libbenchmark-dev xvfb xauth python3 nodejs
looplab_build "$root"
bash "$root/bench/micro/run.sh"
bash "$root/bench/fidelity/run.sh"
bash "$root/bench/peers/compare.sh"
bash "$root/bench/peers/gil.sh"
bash "$root/bench/peers/probe.sh"
bash "$root/bench/peers/qtprobe.sh"
python3 "$root/probes/python/bench_probe.py"
bash "$root/bench/stream/flood.sh"
bash "$root/bench/lessons.sh"
