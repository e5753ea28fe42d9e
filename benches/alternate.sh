#!/bin/sh
# Alternates valgpuls and its peers on one file, ROUNDS rounds of RUNS runs each, every tool in
# a fresh process per round (this machine's speed drifts by ±20 % over minutes, so only figures
# from the same rounds compare). Build first; the binaries are used as built, so a change in
# src/ made meanwhile does not trigger a rebuild in the middle of a session:
#
#   cargo build --release --example bench_import --example bench_shapes
#   sh benches/alternate.sh forms 4 3          # SHAPE (long|forms|google) [ROUNDS [RUNS]]
#
# PYTHON (default /tmp/peers/bin/python) runs the peers; PEERS (default "py-polars duckdb")
# chooses them; DUCKDB_PYTHON runs the DuckDB peer if set (e.g. a venv with DuckDB 1.4.4 and
# duckdb-ext-excel for the XLSX, see BENCHMARKS.md).
set -eu
shape=$1 rounds=${2:-4} runs=${3:-3} answers=1000000
python=${PYTHON:-/tmp/peers/bin/python}
examples=target/release/examples
case $shape in
long) file=target/bench/answers-$answers.csv valgpuls="$examples/bench_import $answers $runs" ;;
forms) file=target/bench/forms-$answers.xlsx valgpuls="$examples/bench_shapes forms $answers $runs" ;;
google) file=target/bench/google-$answers.csv valgpuls="$examples/bench_shapes google $answers $runs" ;;
*) echo "SHAPE is long, forms or google" >&2; exit 2 ;;
esac
$valgpuls >/dev/null # writes the file if it is not there yet
round=1
while [ "$round" -le "$rounds" ]; do
    echo "round $round ($(date +%H:%M:%S), load $(cut -d' ' -f1-3 /proc/loadavg))"
    $valgpuls | grep -E 'valgpuls|peak'
    for peer in ${PEERS:-py-polars duckdb}; do
        if [ "$peer" = duckdb ]; then
            ${DUCKDB_PYTHON:-$python} benches/peers.py "$file" "$peer" "$runs"
        else
            "$python" benches/peers.py "$file" "$peer" "$runs"
        fi
    done
    round=$((round + 1))
done
