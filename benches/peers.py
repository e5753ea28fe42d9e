"""Peer figures for BENCHMARKS.md: the same job as examples/bench_shapes (read the file, count
"Ved ikke" apart, read the answers as numbers with a decimal comma, map week -> phase,
mean/sd/n per wave x phase) in py-polars, DuckDB and pandas.

    python3 -m venv /tmp/peers && /tmp/peers/bin/pip install pandas polars fastexcel duckdb
    /tmp/peers/bin/python benches/peers.py target/bench/long-1000000.csv   # every peer
    /tmp/peers/bin/python benches/peers.py target/bench/forms-1000000.xlsx py-polars 3

The shape follows from the file name (examples/bench_shapes writes them): long-*, answers-*
(bench_import's long file), nodate-*, cp1252-* and utf16-* are one answer per row
(`Kommune;Rul;Uge[;Dato];Spørgsmål;Svar`; cp1252 in Windows-1252, utf16 UTF-16 with tabs);
wide-* (`;`), google-* (`,`, every field quoted) and forms-*.xlsx one respondent per row, one
column per question, melted to long here. py-polars reads a text that is not UTF-8 with
`read_csv(encoding=...)`, which decodes it in Python first (polars reads only UTF-8), and the
workbook with `pl.read_excel` (default engine: calamine through fastexcel). DuckDB reads
UTF-16 with `encoding='utf-16'` and Windows-1252 with `encoding='latin-1'` (the same characters
for these files' æ, ø and å; Windows-1252 itself needs the encodings extension, which cannot
be installed here), the workbook with its excel extension; where INSTALL cannot reach the
extension site, run that peer with a DuckDB 1.4.4 venv that has the duckdb-ext-excel wheel
(see BENCHMARKS.md). Each peer runs in its own process, so its peak memory is its own; it
prints the peak after its first run (what one import costs) and after all runs.
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


# File name prefix -> (layout, separator, encoding for py-polars, encoding for DuckDB).
SHAPES = {
    "answers": ("long", ";", "utf8", "utf-8"),
    "long": ("long", ";", "utf8", "utf-8"),
    "nodate": ("long", ";", "utf8", "utf-8"),
    "cp1252": ("long", ";", "cp1252", "latin-1"),
    "utf16": ("long", "\t", "utf-16", "utf-16"),
    "wide": ("wide", ";", "utf8", "utf-8"),
    "google": ("wide", ",", "utf8", "utf-8"),
    "forms": ("forms", None, None, None),
}


def shape_of(path):
    return SHAPES[Path(path).name.split("-")[0]]


def run_pandas(path):
    import pandas as pd
    _, separator, encoding, _ = shape_of(path)
    df = pd.read_csv(path, sep=separator, dtype=str, encoding=encoding)
    dont_know = df["Svar"].str.lower().eq("ved ikke")
    df["score"] = pd.to_numeric(df["Svar"].where(~dont_know).str.replace(",", "."), errors="raise")
    df["phase"] = pd.cut(df["Uge"].astype(int), [0, 3, 4, 5], labels=["K", "P4", "P5"])
    return df.groupby(["Rul", "phase"], observed=True)["score"].agg(["mean", "std", "count"])


def run_polars(path):
    import polars as pl
    layout, separator, encoding, _ = shape_of(path)
    if layout != "long":
        return run_polars_wide(path)
    df = pl.read_csv(path, separator=separator, encoding=encoding, infer_schema=False)
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
    """A sheet or CSV with one column per question: melt the three questions to long, labels
    to scores."""
    import polars as pl
    layout, separator, _, _ = shape_of(path)
    if layout == "forms":
        wide = pl.read_excel(path).rename({FORMS_WAVE: "Rul", FORMS_WEEK: "Uge"})
        questions = QUESTIONS
    else:
        wide = pl.read_csv(path, separator=separator, infer_schema=False)
        questions = [c for c in wide.columns if c.startswith("Hvor tilfreds") or c in QUESTIONS]
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
    layout, separator, _, encoding = shape_of(path)
    if layout == "long":
        return duckdb.sql(
            f"""SELECT Rul, {PHASE_SQL} AS phase,
                       avg(score), stddev_samp(score), count(score), sum(CAST(dont_know AS INT))
                FROM (SELECT Rul, Uge, lower(Svar) = 'ved ikke' AS dont_know,
                             CASE WHEN lower(Svar) = 'ved ikke' THEN NULL
                                  ELSE CAST(replace(Svar, ',', '.') AS DOUBLE) END AS score
                      FROM read_csv('{path}', delim='{separator}', encoding='{encoding}', header=true,
                                    all_varchar=true, types={{'Uge': 'INTEGER'}}))
                GROUP BY ALL"""
        ).fetchall()
    con = duckdb.connect()
    if layout == "forms":
        load_excel(con)
        wide = f"read_xlsx('{path}', all_varchar=true)"
        wave, week = f'"{FORMS_WAVE}"', f'"{FORMS_WEEK}"'
        columns = [f'"{q}"' for q in QUESTIONS]
    else:
        wide = f"read_csv('{path}', delim='{separator}', header=true, all_varchar=true)"
        wave, week = "Rul", "Uge"
        google = Path(path).name.startswith("google-")
        columns = [f'"Hvor tilfreds er I med følgende? [{q}]"' if google else f'"{q}"' for q in QUESTIONS]
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
        # The module loaded before the clock starts, as valgpuls' start is not timed either.
        __import__({"pandas": "pandas", "py-polars": "polars", "duckdb": "duckdb"}[sys.argv[2]])
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
    peers = ["pandas", "py-polars", "duckdb"] if shape_of(path)[0] == "long" else ["py-polars", "duckdb"]
    for peer in peers:
        subprocess.run([sys.executable, __file__, path, peer], check=True)


if __name__ == "__main__":
    main()
