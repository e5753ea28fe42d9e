"""Peer figures for BENCHMARKS.md: the same job as examples/bench_import.rs and
examples/bench_shapes.rs (read the file, count "Ved ikke" apart, read the answers as numbers,
map week -> phase, mean/sd/n per wave x phase) in pandas, py-polars and DuckDB.

    python3 -m venv /tmp/peers && /tmp/peers/bin/pip install pandas polars fastexcel duckdb
    /tmp/peers/bin/python benches/peers.py target/bench/answers-1000000.csv   # every peer
    /tmp/peers/bin/python benches/peers.py target/bench/forms-1000000.xlsx py-polars 3

The shape follows from the file name: answers-*.csv is the long Danish Excel file
(`Kommune;Rul;Uge;Dato;Spørgsmål;Svar`), forms-*.xlsx the Microsoft Forms sheet (read with
`pl.read_excel`, whose default engine is calamine through fastexcel), google-*.csv the Google
Forms CSV (every field quoted, line breaks inside comments). Each peer runs in its own process,
so its peak memory is its own; it prints the peak after its first run (what one import costs)
and after all runs. DuckDB reads the XLSX with its excel extension; where INSTALL cannot reach
the extension site, run that peer with a DuckDB 1.4.4 venv that has the duckdb-ext-excel wheel
(see BENCHMARKS.md).
"""
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

PHASE_SQL = "CASE WHEN Uge <= 3 THEN 'Klargøring (uge 1-3)' WHEN Uge = 4 THEN 'Prøvevalg (uge 4)' ELSE 'Prøvevalg (uge 5)' END"
# The Forms choice question's labels (lower case) as scores; the ratings hold the numbers.
LABELS = {
    "meget utilfreds": "1",
    "utilfreds": "2",
    "hverken tilfreds eller utilfreds": "3",
    "tilfreds": "4",
    "meget tilfreds": "5",
}
QUESTIONS = ["Valgdagen", "Udrulningen og VALG-løsningen generelt", "Supporten"]
FORMS_WAVE, FORMS_WEEK = "Hvilket rul er I med i?", "Hvilken uge i forløbet er I i?"


def shape_of(path):
    name = Path(path).name
    return "forms" if name.startswith("forms-") else "google" if name.startswith("google-") else "long"


def run_pandas(path):
    import pandas as pd
    df = pd.read_csv(path, sep=";", dtype=str)
    dont_know = df["Svar"].str.lower().eq("ved ikke")
    df["score"] = pd.to_numeric(df["Svar"].where(~dont_know).str.replace(",", "."), errors="raise")
    df["phase"] = pd.cut(df["Uge"].astype(int), [0, 3, 4, 5], labels=["K", "P4", "P5"])
    return df.groupby(["Rul", "phase"], observed=True)["score"].agg(["mean", "std", "count"])


def run_polars(path):
    import polars as pl
    if shape_of(path) != "long":
        return run_polars_wide(path)
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


def run_polars_wide(path):
    """The Forms sheet or the Google CSV: melt the three questions to long, labels to scores."""
    import polars as pl
    if shape_of(path) == "forms":
        wide = pl.read_excel(path).rename({FORMS_WAVE: "Rul", FORMS_WEEK: "Uge"})
        questions = QUESTIONS
    else:
        wide = pl.read_csv(path, infer_schema=False)
        questions = [c for c in wide.columns if c.startswith("Hvor tilfreds")]
    answer = pl.col("Svar").str.to_lowercase()
    week = pl.col("Uge")
    return (
        wide.lazy()
        .select("Rul", pl.col("Uge").str.extract(r"(\d+)").cast(pl.Int32), pl.col(questions).cast(pl.String))
        .unpivot(index=["Rul", "Uge"], variable_name="Spørgsmål", value_name="Svar")
        .drop_nulls("Svar")
        .with_columns(
            dont_know=answer == "ved ikke",
            score=pl.when(answer != "ved ikke").then(answer.replace(LABELS).cast(pl.Float64)),
            phase=pl.when(week <= 3).then(pl.lit("K")).when(week == 4).then(pl.lit("P4")).otherwise(pl.lit("P5")),
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


def load_excel(con):
    """DuckDB's excel extension: downloaded by INSTALL where the extension site is reachable, else
    from the duckdb-ext-excel wheel (PyPI), which exists for DuckDB 1.4.4 but not 2.x."""
    import duckdb
    try:
        con.sql("INSTALL excel; LOAD excel;")
        return
    except duckdb.Error:
        import duckdb_ext  # from duckdb-ext-excel; a namespace package
        for root in duckdb_ext.__path__:
            found = list(Path(root).glob(f"extensions/v{duckdb.__version__}/*/excel.duckdb_extension"))
            if found:
                con.sql(f"LOAD '{found[0]}'")
                return
        raise


def run_duckdb(path):
    import duckdb
    shape = shape_of(path)
    if shape == "long":
        return duckdb.sql(
            f"""SELECT Rul, {PHASE_SQL} AS phase,
                       avg(score), stddev_samp(score), count(score), sum(CAST(dont_know AS INT))
                FROM (SELECT Rul, Uge, lower(Svar) = 'ved ikke' AS dont_know,
                             CASE WHEN lower(Svar) = 'ved ikke' THEN NULL
                                  ELSE CAST(replace(Svar, ',', '.') AS DOUBLE) END AS score
                      FROM read_csv('{path}', delim=';', header=true, all_varchar=true, types={{'Uge': 'INTEGER'}}))
                GROUP BY ALL"""
        ).fetchall()
    con = duckdb.connect()
    if shape == "forms":
        load_excel(con)
        wide = f"read_xlsx('{path}', all_varchar=true)"
        wave, week = f'"{FORMS_WAVE}"', f'"{FORMS_WEEK}"'
        columns = [f'"{q}"' for q in QUESTIONS]
    else:
        wide = f"read_csv('{path}', header=true, all_varchar=true)"
        wave, week = "Rul", "Uge"
        columns = [f'"Hvor tilfreds er I med følgende? [{q}]"' for q in QUESTIONS]
    labels = " ".join(f"WHEN '{label}' THEN '{score}'" for label, score in LABELS.items())
    return con.sql(
        f"""SELECT Rul, {PHASE_SQL} AS phase,
                   avg(score), stddev_samp(score), count(score), sum(CAST(dont_know AS INT))
            FROM (SELECT {wave} AS Rul, CAST(regexp_extract({week}, '\\d+') AS INTEGER) AS Uge,
                         lower(Svar) = 'ved ikke' AS dont_know,
                         CASE WHEN lower(Svar) = 'ved ikke' THEN NULL
                              ELSE CAST(CASE lower(Svar) {labels} ELSE Svar END AS DOUBLE) END AS score
                  FROM (UNPIVOT (SELECT * FROM {wide}) ON {", ".join(columns)} INTO NAME q VALUE Svar))
            GROUP BY ALL"""
    ).fetchall()


def main():
    path = sys.argv[1]
    if len(sys.argv) > 2:
        # One peer in its own process, so its peak memory is its own.
        runner = {"pandas": run_pandas, "py-polars": run_polars, "duckdb": run_duckdb}[sys.argv[2]]
        runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
        times, first_peak = [], None
        for _ in range(runs):
            start = time.perf_counter()
            result = runner(path)
            times.append(time.perf_counter() - start)
            first_peak = first_peak or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        assert len(result) == 9, result  # 3 waves x 3 phases
        counts = ""
        if sys.argv[2] == "py-polars":
            counts = f", n {result['n'].sum()}, Ved ikke {result['dont_know'].sum()}"
        elif sys.argv[2] == "duckdb":
            counts = f", n {sum(row[4] for row in result)}, Ved ikke {sum(row[5] for row in result)}"
        print(
            f"{sys.argv[2]}: median {statistics.median(times):.3f} s, fastest {min(times):.3f} s over {runs} runs, "
            f"peak {first_peak:.0f} MB after one run, {peak_mb:.0f} MB after {runs}{counts}"
        )
        return
    peers = ["pandas", "py-polars", "duckdb"] if shape_of(path) == "long" else ["py-polars", "duckdb"]
    for peer in peers:
        subprocess.run([sys.executable, __file__, path, peer], check=True)


if __name__ == "__main__":
    main()
