"""Peer figures for BENCHMARKS.md: the same job as examples/bench_import.rs (read the
1,000,000-answer Danish Excel file, drop "Ved ikke", read decimal commas, map week -> phase,
mean/sd/n per wave x phase) in pandas, py-polars and DuckDB.

    python3 -m venv /tmp/peers && /tmp/peers/bin/pip install pandas polars duckdb
    /tmp/peers/bin/python benches/peers.py target/bench/answers-1000000.csv
"""
import resource
import statistics
import subprocess
import sys
import time

PHASE_SQL = "CASE WHEN Uge <= 3 THEN 'Klargøring (uge 1-3)' WHEN Uge = 4 THEN 'Prøvevalg (uge 4)' ELSE 'Prøvevalg (uge 5)' END"


def run_pandas(path):
    import pandas as pd
    df = pd.read_csv(path, sep=";", dtype=str)
    dont_know = df["Svar"].str.lower().eq("ved ikke")
    df["score"] = pd.to_numeric(df["Svar"].where(~dont_know).str.replace(",", "."), errors="raise")
    df["phase"] = pd.cut(df["Uge"].astype(int), [0, 3, 4, 5], labels=["K", "P4", "P5"])
    return df.groupby(["Rul", "phase"], observed=True)["score"].agg(["mean", "std", "count"])


def run_polars(path):
    import polars as pl
    df = pl.read_csv(path, separator=";", infer_schema=False)
    return (
        df.lazy()
        .with_columns(
            dont_know=pl.col("Svar").str.to_lowercase() == "ved ikke",
            score=pl.when(pl.col("Svar").str.to_lowercase() != "ved ikke")
            .then(pl.col("Svar").str.replace(",", ".").cast(pl.Float64)),
            phase=pl.when(pl.col("Uge").cast(pl.Int32) <= 3)
            .then(pl.lit("K"))
            .when(pl.col("Uge").cast(pl.Int32) == 4)
            .then(pl.lit("P4"))
            .otherwise(pl.lit("P5")),
        )
        .group_by("Rul", "phase")
        .agg(
            mean=pl.col("score").mean(),
            sd=pl.col("score").std(),
            n=pl.col("score").count(),
            dont_know=pl.col("dont_know").sum(),
        )
        .collect()
    )


def run_duckdb(path):
    import duckdb
    return duckdb.sql(
        f"""SELECT Rul, {PHASE_SQL} AS phase,
                   avg(score), stddev_samp(score), count(score), sum(CAST(dont_know AS INT))
            FROM (SELECT Rul, Uge, lower(Svar) = 'ved ikke' AS dont_know,
                         CASE WHEN lower(Svar) = 'ved ikke' THEN NULL
                              ELSE CAST(replace(Svar, ',', '.') AS DOUBLE) END AS score
                  FROM read_csv('{path}', delim=';', header=true, all_varchar=true, types={{'Uge': 'INTEGER'}}))
            GROUP BY ALL"""
    ).fetchall()


def main():
    path = sys.argv[1]
    if len(sys.argv) > 2:
        # One peer in its own process, so its peak memory is its own.
        runner = {"pandas": run_pandas, "py-polars": run_polars, "duckdb": run_duckdb}[sys.argv[2]]
        times = []
        for _ in range(5):
            start = time.perf_counter()
            runner(path)
            times.append(time.perf_counter() - start)
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{sys.argv[2]}: median {statistics.median(times):.3f} s, fastest {min(times):.3f} s, peak {peak_mb:.0f} MB")
        return
    for peer in ["pandas", "py-polars", "duckdb"]:
        subprocess.run([sys.executable, __file__, path, peer], check=True)


if __name__ == "__main__":
    main()
