#!/usr/bin/env python3
"""HTTP load benchmark: the same app with and without recording, interleaved in one run.

Starts the benchmark app twice on loopback: once with chronotrace.enabled=false (the baseline)
and once recording every request (mode always, bodies captured, async writer, local storage,
gzip on). Runs wrk against each in turn, alternating which goes first, for a small JSON GET
and a 1 KB JSON POST echo. Reads each app's CPU time from /proc, and afterwards counts how
many of the requests the recording app served ended up stored on disk.

    python3 chronotrace-benchmark-app/load/run.py            # build, run, print
    python3 chronotrace-benchmark-app/load/run.py --write    # ... and update docs/benchmarks.md

Needs wrk (apt-get install wrk), Java 17 and Maven.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
APP_DIR = ROOT / "chronotrace-benchmark-app"
LUA = APP_DIR / "load" / "post.lua"
DOC = ROOT / "docs" / "benchmarks.md"
START, END = "<!-- http-load:start -->", "<!-- http-load:end -->"
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
SCENARIOS = {
    "GET small JSON": ("/api/products/42", []),
    "POST 1 KB JSON echo": ("/api/echo", ["-s", str(LUA)]),
}


def build():
    subprocess.run(["mvn", "-B", "-q", "-DskipTests", "package", "-pl", "chronotrace-benchmark-app", "-am"],
                   cwd=ROOT, check=True)


def app_jar():
    jars = sorted((APP_DIR / "target").glob("chronotrace-benchmark-app-*.jar"))
    jars = [j for j in jars if not j.name.endswith((".original", "-sources.jar"))]
    if not jars:
        sys.exit("benchmark app jar not found: build it first (without --no-build)")
    return jars[0]


class App:
    def __init__(self, name, port, args, log_dir):
        self.name, self.port = name, port
        self.log = open(log_dir / f"{name}.log", "w")
        command = ["java", "-Xms1g", "-Xmx1g", "-jar", str(app_jar()), f"--server.port={port}"] + args
        self.process = subprocess.Popen(command, stdout=self.log, stderr=subprocess.STDOUT)

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def get_json(self, path):
        with urllib.request.urlopen(self.url(path), timeout=10) as response:
            return json.loads(response.read())

    def await_up(self):
        deadline = time.time() + 90
        while time.time() < deadline:
            if self.process.poll() is not None:
                sys.exit(f"{self.name} app exited, see its log")
            try:
                if self.get_json("/actuator/health")["status"] == "UP":
                    return
            except Exception:
                time.sleep(0.5)
        sys.exit(f"{self.name} app did not start")

    def cpu_seconds(self):
        fields = Path(f"/proc/{self.process.pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS

    def thread_cpu_seconds(self, prefix):
        """CPU time of the app's threads whose name starts with prefix (such as the trace writers)."""
        total = 0
        for task in Path(f"/proc/{self.process.pid}/task").iterdir():
            try:
                stat = (task / "stat").read_text()
            except OSError:
                continue
            name = stat[stat.index("(") + 1:stat.rindex(")")]
            if name.startswith(prefix):
                fields = stat.rsplit(")", 1)[1].split()
                total += int(fields[11]) + int(fields[12])
        return total / CLOCK_TICKS

    def metric(self, name, tag=None):
        path = f"/actuator/metrics/{name}" + (f"?tag={tag}" if tag else "")
        try:
            return self.get_json(path)["measurements"][0]["value"]
        except Exception:
            return 0

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self.log.close()


def wrk(app, scenario, seconds, threads, connections):
    path, extra = SCENARIOS[scenario]
    cpu_before = app.cpu_seconds()
    writer_before = app.thread_cpu_seconds("chronotrace-wri")
    jit_before = app.thread_cpu_seconds("C2 CompilerThre") + app.thread_cpu_seconds("C1 CompilerThre")
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency"] + extra
                         + [app.url(path)], capture_output=True, text=True, check=True).stdout
    cpu = app.cpu_seconds() - cpu_before
    writer_cpu = app.thread_cpu_seconds("chronotrace-wri") - writer_before
    # the JIT still compiling during a round means the warm-up was too short for that app
    jit_cpu = app.thread_cpu_seconds("C2 CompilerThre") + app.thread_cpu_seconds("C1 CompilerThre") - jit_before
    requests = int(re.search(r"(\d+) requests in", out).group(1))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out)
    return {
        "requests": requests,
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "p50_ms": latency(out, "50%"),
        "p99_ms": latency(out, "99%"),
        "cpu_us_per_request": cpu * 1e6 / max(requests, 1),
        "writer_cpu_us_per_request": writer_cpu * 1e6 / max(requests, 1),
        "jit_cpu_seconds": jit_cpu,
        "failed": (int(non2xx.group(1)) if non2xx else 0) + (sum(map(int, errors.groups())) if errors else 0),
    }


def latency(out, percentile):
    value, unit = re.search(rf"^\s+{percentile}\s+([\d.]+)(us|ms|s)\s*$", out, re.M).groups()
    return float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]


def count_stored(path):
    if (path / ".chronotrace-layout").exists():
        return count_stored_segments(path)
    return sum(1 for day in path.iterdir() if not day.name.startswith(".")
               for trace in day.iterdir() if (trace / "metadata.json").exists())


def count_stored_segments(path):
    """Counts the distinct trace ids in the indexes of the segment layout (docs/trace-format.md)."""
    ids = set()
    for index in path.glob("*/*.idx"):
        data = index.read_bytes()
        position = 16
        while position + 8 <= len(data):
            length = int.from_bytes(data[position:position + 4], "big")
            end = position + 8 + length
            if end > len(data):
                break
            cursor = position + 8
            while cursor < end:
                kind = data[cursor]
                trace_id = data[cursor + 1:cursor + 17]
                cursor += 1 + 16 + 8 + 8 + 4 + 4 + 4 + 8 + 4 + 8 + 4 + 4
                for _ in range(4):
                    size = int.from_bytes(data[cursor:cursor + 4], "big", signed=True)
                    cursor += 4 + max(size, 0)
                if kind in (1, 4):
                    ids.add(trace_id)
            position = end
    return len(ids)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--duration", type=int, default=20, help="seconds per measured wrk run")
    parser.add_argument("--warmup", type=int, default=15, help="seconds of warm-up per app and scenario")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--fallback", default="sync", choices=["sync", "drop"],
                        help="chronotrace.queue-fallback of the recording app (sync: no trace is dropped)")
    parser.add_argument("--storage-dir", type=Path, default=None,
                        help="where the recording app writes traces (default: a new temporary directory)")
    parser.add_argument("--writer-threads", type=int, default=1)
    parser.add_argument("--mode", default="always", help="chronotrace.mode of the recording app")
    parser.add_argument("--layout", default="folders", choices=["folders", "segments"],
                        help="chronotrace.layout of the recording app's local storage")
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--write", action="store_true", help=f"update the section of {DOC.relative_to(ROOT)}")
    options = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("wrk is needed: apt-get install wrk")
    if not options.no_build:
        build()

    work = Path(tempfile.mkdtemp(prefix="chronotrace-load-"))
    traces = Path(tempfile.mkdtemp(prefix="traces-", dir=options.storage_dir)) if options.storage_dir else work / "traces"
    baseline = App("baseline", 18081, ["--chronotrace.enabled=false"], work)
    recording = App("recording", 18082, [f"--chronotrace.mode={options.mode}", f"--chronotrace.path={traces}",
                                         "--chronotrace.compression.enabled=true",
                                         "--chronotrace.async-storage=true",
                                         f"--chronotrace.queue-fallback={options.fallback}",
                                         f"--chronotrace.writer-threads={options.writer_threads}",
                                         f"--chronotrace.layout={options.layout}"], work)
    apps = [baseline, recording]
    served = 0
    results = {scenario: {app.name: [] for app in apps} for scenario in SCENARIOS}
    try:
        for app in apps:
            app.await_up()
        for scenario in SCENARIOS:
            for app in apps:
                warmup = wrk(app, scenario, options.warmup, options.threads, options.connections)
                if app is recording:
                    served += warmup["requests"]
        for round_number in range(options.rounds):
            for scenario in SCENARIOS:
                order = apps if round_number % 2 == 0 else list(reversed(apps))
                for app in order:
                    result = wrk(app, scenario, options.duration, options.threads, options.connections)
                    results[scenario][app.name].append(result)
                    if app is recording:
                        served += result["requests"]
                    print(f"round {round_number + 1} {scenario:22} {app.name:9} {result['rps']:9.0f} req/s  "
                          f"p50 {result['p50_ms']:6.2f} ms  p99 {result['p99_ms']:7.2f} ms  "
                          f"{result['cpu_us_per_request']:6.1f} us CPU/req (writer {result['writer_cpu_us_per_request']:5.1f})  "
                          f"JIT {result['jit_cpu_seconds']:4.1f} s  failed {result['failed']}", flush=True)
        deadline = time.time() + 300
        while recording.get_json("/actuator/health")["components"]["chronotrace"]["details"]["queueDepth"] > 0:
            if time.time() > deadline:
                break
            time.sleep(1)
        stored = count_stored(traces)
        recorded = recording.metric("chronotrace.traces.recorded")
        dropped = recording.metric("chronotrace.traces.dropped")
        failed = recording.metric("chronotrace.traces.failed")
        disk = sum(f.stat().st_size for f in traces.rglob("*") if f.is_file())
    finally:
        for app in apps:
            app.stop()
    summary = summarize(results, served, stored, recorded, dropped, failed, disk, filesystem(traces), options)
    print(summary)
    if options.write:
        write_doc(summary)
    shutil.rmtree(work, ignore_errors=True)
    shutil.rmtree(traces, ignore_errors=True)


def median(values):
    return statistics.median(values)


def summarize(results, served, stored, recorded, dropped, failed, disk, storage_fs, options):
    rows = []
    for scenario, by_app in results.items():
        base, rec = by_app["baseline"], by_app["recording"]
        base_rps, rec_rps = median([r["rps"] for r in base]), median([r["rps"] for r in rec])
        base_cpu = median([r["cpu_us_per_request"] for r in base])
        rec_cpu = median([r["cpu_us_per_request"] for r in rec])
        rec_writer = median([r["writer_cpu_us_per_request"] for r in rec])
        # ratio and added CPU compare the two apps round by round: the host's speed drifts
        # between rounds, so medians taken of each app apart would pair different moments
        ratios = [r["rps"] / b["rps"] for b, r in zip(base, rec)]
        added = [r["cpu_us_per_request"] - b["cpu_us_per_request"] for b, r in zip(base, rec)]
        rows.append(f"| {scenario} | {base_rps:,.0f} | {rec_rps:,.0f} | **{median(ratios):.2f}** "
                    f"({', '.join(f'{x:.2f}' for x in ratios)}) | "
                    f"{median([r['p50_ms'] for r in base]):.2f} / {median([r['p99_ms'] for r in base]):.2f} | "
                    f"{median([r['p50_ms'] for r in rec]):.2f} / {median([r['p99_ms'] for r in rec]):.2f} | "
                    f"{base_cpu:.0f} | {rec_cpu:.0f} | **+{median(added):.0f}** | {rec_writer:.0f} |")
    failures = sum(r["failed"] for by_app in results.values() for runs in by_app.values() for r in runs)
    machine = f"{os.cpu_count()} cores, {subprocess.run(['java', '-version'], capture_output=True, text=True).stderr.splitlines()[0]}"
    return "\n".join([
        f"Measured {time.strftime('%Y-%m-%d')} on {machine}; wrk {options.threads} threads, "
        f"{options.connections} connections, {options.rounds} interleaved rounds of {options.duration} s per app "
        f"and scenario after {options.warmup} s of warm-up; medians of the rounds (the ratio and the "
        f"added CPU: of each round's pair, the rounds' ratios in brackets); recording app with "
        f"`mode={options.mode}`, `layout={options.layout}`, `queue-fallback={options.fallback}`, `writer-threads={options.writer_threads}`, traces on "
        f"{storage_fs}. Failed requests: {failures}.",
        "",
        "| scenario | baseline req/s | recording req/s | ratio (by round) | baseline p50 / p99 ms | recording p50 / p99 ms "
        "| baseline CPU µs/req | recording CPU µs/req | added CPU µs per recorded request | of which the writer thread |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        *rows,
        "",
        f"Stored: **{stored:,} of {served:,}** requests the recording app served "
        f"(**{stored / max(served, 1):.4f}**); the writer counted {recorded:,.0f} recorded, "
        f"{dropped:,.0f} dropped, {failed:,.0f} failed; {disk / max(stored, 1) / 1024:.1f} KB on disk per trace.",
    ])


def filesystem(path):
    out = subprocess.run(["df", "--output=source,fstype", str(path)], capture_output=True, text=True).stdout
    source, fstype = out.splitlines()[-1].split()
    return f"{fstype} ({source})"


def write_doc(summary):
    text = DOC.read_text()
    section = f"{START}\n{summary}\n{END}"
    if START in text:
        text = re.sub(re.escape(START) + ".*?" + re.escape(END), lambda _: section, text, flags=re.S)
    else:
        text += "\n" + section + "\n"
    DOC.write_text(text)


if __name__ == "__main__":
    main()
