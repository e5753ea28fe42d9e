"""Alternates valgpuls and its peers on each file shape, ROUNDS rounds of RUNS runs each, every
tool in a fresh process per round (this machine's speed drifts by ±20 % over minutes, so only
figures from the same rounds compare), and prints the table BENCHMARKS.md holds: per shape the
median of the round medians, the median of the same-round ratios valgpuls / py-polars, and
the peak memory of one run. Build first; the binary is used as built, so a change in src/
made meanwhile does not trigger a rebuild in the middle of a session:

    cargo build --release --example bench_shapes
    /tmp/peers/bin/python benches/alternate.py --rounds 3 --runs 3 long nodate wide google cp1252 utf16 forms

PEERS (default "py-polars duckdb") chooses the peers; DUCKDB_PYTHON runs the DuckDB peer on the
workbook (a venv with DuckDB 1.4.4 and duckdb-ext-excel, see BENCHMARKS.md). BEFORE, the path of
a bench_shapes binary built from an earlier commit, adds it as a tool of its own: before and
after in the same rounds.
"""
import argparse
import os
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "target/release/examples/bench_shapes"
EXTENSION = {"forms": "xlsx", "utf16": "txt"}
MEDIAN = re.compile(r"median ([0-9.]+) s")
PEAK = re.compile(r"peak(?: memory \(VmHWM\):)? ([0-9]+) MB after one run")


def run(command):
    """A tool's output lines; its median and its peak after one run."""
    out = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    median, peak = MEDIAN.search(out), PEAK.search(out)
    if median is None:
        sys.exit(f"no median in the output of {command}:\n{out}")
    return float(median.group(1)), int(peak.group(1)) if peak else None, out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("shapes", nargs="+")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--answers", type=int, default=1_000_000)
    args = parser.parse_args()
    peers = os.environ.get("PEERS", "py-polars duckdb").split()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT)
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    print(f"{time.strftime('%Y-%m-%d %H:%M', time.gmtime())} UTC, {cpu}, {os.cpu_count()} cores, HEAD {commit.stdout.strip()}")
    tools = ["valgpuls", *(["before"] if os.environ.get("BEFORE") else []), *peers]
    rows = []
    for shape in args.shapes:
        file = ROOT / f"target/bench/{shape}-{args.answers}.{EXTENSION.get(shape, 'csv')}"
        valgpuls = [str(BENCH), shape, str(args.answers), str(args.runs)]
        if not file.exists():
            subprocess.run(valgpuls[:3] + ["1"], check=True, cwd=ROOT, capture_output=True)
        times = {tool: [] for tool in tools}
        peaks = {tool: [] for tool in times}
        ratios, loads = [], []
        for round_ in range(1, args.rounds + 1):
            loads.append(float(open("/proc/loadavg").read().split()[0]))
            line = []
            for tool in times:
                if tool == "valgpuls":
                    command = valgpuls
                elif tool == "before":
                    command = [os.environ["BEFORE"], *valgpuls[1:]]
                else:
                    python = os.environ.get("DUCKDB_PYTHON") if tool == "duckdb" and shape == "forms" else None
                    command = [python or sys.executable, "benches/peers.py", str(file), tool, str(args.runs)]
                median, peak, _ = run(command)
                times[tool].append(median)
                if peak is not None:
                    peaks[tool].append(peak)
                line.append(f"{tool} {median:.3f} s")
            ratio = times["valgpuls"][-1] / times["py-polars"][-1] if "py-polars" in times else float("nan")
            ratios.append(ratio)
            print(f"{shape} round {round_} (load {loads[-1]:.1f}): {', '.join(line)}; valgpuls / py-polars {ratio:.2f}", flush=True)
        rows.append((shape, times, peaks, ratios, loads))
    print()
    print("| shape | " + " | ".join(tools) + " | valgpuls / py-polars (same round) | peak memory, one run: " + " / ".join(tools) + " | load |")
    print("|---" * (len(tools) + 4) + "|")
    for shape, times, peaks, ratios, loads in rows:
        cells = [f"{statistics.median(times[t]):.3f} s ({min(times[t]):.3f}-{max(times[t]):.3f})" for t in tools]
        memory = " / ".join(f"{max(peaks[t])} MB" if peaks[t] else "?" for t in tools)
        ratio = f"**{statistics.median(ratios):.2f}** ({min(ratios):.2f}-{max(ratios):.2f})"
        print(f"| {shape} | " + " | ".join(cells) + f" | {ratio} | {memory} | {min(loads):.1f}-{max(loads):.1f} |")


if __name__ == "__main__":
    main()
