#!/usr/bin/env python3
"""Interleaved A/B load comparison: several builds or settings of the benchmark app in one run.

Starts one app per variant on loopback, warms each up, then runs wrk against each in turn for
several rounds, alternating the order, and prints each variant's median req/s, its ratio to the
first variant (the baseline) and its CPU per request read from /proc. Use it to tell whether a
change helps when the machine's speed drifts between runs; run.py stays the benchmark of record.

    python3 chronotrace-benchmark-app/load/ab.py post 90 10 6 \\
        "base=app.jar=--chronotrace.enabled=false" \\
        "rec=app.jar=--chronotrace.mode=always --chronotrace.path={T} --chronotrace.layout=segments" \\
        "nozip=app.jar=--chronotrace.mode=always --chronotrace.path={T} --chronotrace.layout=segments --chronotrace.compression.enabled=false"

Arguments: scenario (get, post, get-1pct and post-1pct: the same with one request in a hundred
failing with a 500, get10: a GET that reads 10 rows, or order: a POST that reads a row and updates
one), warm-up seconds, seconds per round, rounds, then variants as
name=jar=arguments, where {T} becomes a fresh temporary directory. The apps listen on 18100 and up
(CHRONOTRACE_AB_PORT sets the first port); a port taken by another process stops the run rather
than loading that process. Needs wrk and Java 17.
"""

import os
import re
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
LUA = HERE / "post.lua"
GET_LUA = HERE / "get.lua"
ORDER_LUA = HERE / "order.lua"
# scenario: path, wrk arguments, one request in how many fails (500) on purpose (0: none)
SCENARIOS = {
    "get": ("/api/products/42", [], 0),
    "post": ("/api/echo", ["-s", str(LUA)], 0),
    "get-1pct": ("/api/products/42", ["-s", str(GET_LUA)], 100),
    "post-1pct": ("/api/echo", ["-s", str(LUA)], 100),
    "get10": ("/api/catalog", [], 0),
    "order": ("/api/orders", ["-s", str(ORDER_LUA)], 0),
}
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid):
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


def wrk(scenario, port, pid, seconds):
    path, extra, fail_every = SCENARIOS[scenario]
    env = dict(os.environ, FAIL_EVERY=str(fail_every)) if fail_every else None
    before = cpu_seconds(pid)
    out = subprocess.run(["wrk", "-t2", "-c32", f"-d{seconds}s", "--latency"] + extra
                         + [f"http://localhost:{port}{path}"], capture_output=True, text=True, check=True, env=env).stdout
    used = cpu_seconds(pid) - before
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    failed = int(non2xx.group(1)) if non2xx else 0
    expected = requests / fail_every if fail_every else 0
    if abs(failed - expected) > max(2, expected * 0.2):
        sys.exit(f"{scenario}: {failed} failed requests, {expected:.0f} expected\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)), used * 1e6 / requests, p99_ms(out)


def p99_ms(out):
    value, unit = re.search(r"^\s+99%\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def main():
    if len(sys.argv) < 7:
        sys.exit(__doc__)
    scenario, warmup, seconds, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
    apps = []
    logs = Path(tempfile.mkdtemp(prefix="chronotrace-ab-"))
    try:
        first_port = int(os.environ.get("CHRONOTRACE_AB_PORT", "18100"))
        for port, spec in enumerate(sys.argv[5:], start=first_port):
            name, jar, args = spec.split("=", 2)
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    sys.exit(f"port {port} is taken (another run?): set CHRONOTRACE_AB_PORT to another first port")
            args = args.replace("{T}", tempfile.mkdtemp(prefix="traces-", dir=logs)).split()
            process = subprocess.Popen(["java", "-Xms1g", "-Xmx1g", "-jar", jar, f"--server.port={port}"] + args,
                                       stdout=open(logs / f"{name}.log", "w"), stderr=subprocess.STDOUT)
            apps.append((name, port, process))
        for name, port, process in apps:
            for _ in range(90):
                if process.poll() is not None:
                    sys.exit(f"{name} exited (port {port} taken?): see {logs / (name + '.log')}")
                try:
                    urllib.request.urlopen(f"http://localhost:{port}/api/products/42", timeout=2)
                    break
                except OSError:
                    time.sleep(1)
            else:
                sys.exit(f"{name} did not start: see {logs / (name + '.log')}")
        for name, port, process in apps:
            wrk(scenario, port, process.pid, warmup)
        results = {name: [] for name, _, _ in apps}
        for round_ in range(rounds):
            for name, port, process in (apps if round_ % 2 == 0 else apps[::-1]):
                rate, cpu, p99 = wrk(scenario, port, process.pid, seconds)
                results[name].append((rate, cpu, p99))
                print(f"round {round_} {name:12s} {rate:9.0f} req/s {cpu:6.1f} µs/req  p99 {p99:6.2f} ms", flush=True)
        base_rate = statistics.median(r for r, _, _ in results[apps[0][0]])
        base_cpu = statistics.median(c for _, c, _ in results[apps[0][0]])
        base_p99 = statistics.median(p for _, _, p in results[apps[0][0]])
        for name, runs in results.items():
            rate = statistics.median(r for r, _, _ in runs)
            cpu = statistics.median(c for _, c, _ in runs)
            p99 = statistics.median(p for _, _, p in runs)
            print(f"{name:12s} {rate:9.0f} req/s  ratio {rate / base_rate:5.3f}  CPU {cpu:6.1f} µs/req"
                  f"  added {cpu - base_cpu:+6.1f}  p99 {p99:6.2f} ms  added {p99 - base_p99:+6.2f}")
    finally:
        for _, _, process in apps:
            process.terminate()


if __name__ == "__main__":
    main()
