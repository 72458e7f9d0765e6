#!/usr/bin/env python3
"""Ingest side by side with DuckDB (issue 18): the same operator files, landed and curated by the lakehouse, and read,
pivoted, de-duplicated and written as partitioned Parquet by DuckDB.

    python3 bench/ingest_vs_duckdb.py [--markets caiso,pjm,entsoe] [--days 1,7,28] [--nodes caiso=1700,pjm=1700]
                                      [--runs 1] [--launcher bin/lakehouse] [--skip-lakehouse] [--skip-duckdb]
                                      [--entsoe-day-scale 7] [--start caiso=2024-03-10] [--keep-outputs]

For each market M and number of days D (and location count N):

Input (not timed). `bin/lakehouse samples --market M --dates A..B --nodes N --out DIR` writes the market's SYNTHETIC
files (exact operator format, made-up prices) once, under var/bench/ingest/<market>-<days>d-<nodes>n/files (days: delivery days generated), reused
while the arguments are the same (the folder's .bench-args says which):
  caiso   day-ahead PRC_LMP OASIS zips (one a day, 24 hours) and real-time PRC_INTVL_LMP zips (one an hour, 12
          five-minute intervals), one CSV each, long format: 5 LMP types (LMP, MCE, MCC, MCL, MGHG) per node and
          interval: N x (24 + 288) x 5 = 1,560 N source rows a day. Days from 2024-08-01 (no clock change).
  pjm     Data Miner 2 JSON pages (50,000 items a page) of da_hrl_lmps (24 a pnode and day), rt_hrl_lmps (24),
          rt_fivemin_hrl_lmps (288) and rt_unverified_fivemin_lmps (288, the first revision of the verified ones):
          624 N source rows a day, one row per item with the total, energy, congestion and loss as columns.
          Days from 2024-08-01.
  entsoe  Transparency Platform XML: per bidding zone and delivery day an A44 price document (one PT15M SDAC series
          from 2025-10-01, 96 prices, curve type A03 for the Nordic zones, which leaves out repeated prices; DE_LU
          also the EXAA series, classification sequence 2) and the A65 load and A69 solar and onshore wind forecasts
          (hourly, into curated.fundamentals): about 2,000 source rows a day for all 12 zones. Days from 2025-10-06.

Sizes. Defaults: CAISO 1,700 nodes (2.65 M source rows a day); PJM 1,700 pnodes (1.06 M rows a day: 0.40 of
CAISO's at the same days, within the factor of 3; 4,250 pnodes would match CAISO's rows but make 22 GB of JSON at 28
days, against 8.8 GB at 1,700); ENTSO-E all 12 zones the generator has (it has no more: one price per real bidding
zone), and each of D "days" is --entsoe-day-scale (default 7) delivery days, so D = 28 is 196 days, 7,056 documents
(2,352 of prices) and about 0.38 M source rows. ENTSO-E cannot come within a factor of 3 of CAISO: at 1,700 nodes
CAISO has about 1,360 times ENTSO-E's 1,948 source rows a day, so a third of CAISO's rows would take some 450
delivery days of documents for every CAISO day (35 years at D = 28); its row stands for the many-small-documents,
per-file-overhead case instead. --nodes N applies to CAISO and
PJM (ENTSO-E takes min(N, 12) zones); --nodes caiso=1700,pjm=2500,entsoe=12 sets each.

Lakehouse (timed, whole processes). A fresh lake home per run (wiped first), then
  bin/lakehouse ingest --market M --files DIR --home H
  bin/lakehouse curate --market M --start A --end B --home H   (every report of the market: all its datasets)
with LAKEHOUSE_SKIP_BUILD=1. Wall time is the sum of the two, peak memory the larger of their max RSS (os.wait4).
Source rows are what ingest prints ("Rows: N parsed into raw tables"), curated rows what curate prints per dataset
("<MARKET> <dataset>: N rows for ...", every revision included), plus, for ENTSO-E, the curated.fundamentals rows
counted with DuckDB over the Parquet data files of the table's current snapshot (the fundamentals lines name the
wrong series and repeat, so they are not parsed). ENTSO-E's ingest already curates the A65/A69 fundamentals and its
curate curates them again (finding nothing changed) and checks Nord Pool against ENTSO-E: all of it is timed. The check also counts every dataset's rows that way and reports a
printed count that differs from the table.

DuckDB (timed, one whole process of the virtualenv's python with duckdb 2.0.1 and pyarrow 26.0.1 from PyPI):
  caiso   per operating day, extracts the day's zips' CSV members into a scratch folder (DuckDB 2.0.1 has no zip
          reader without a community extension; the time counts), read_csv of the day-ahead and the real-time files
          with the columns of their header line (OASIS's names, types declared: sniffing 24 files a day with
          union_by_name took 3.4 s where the declared columns take 0.2 s),
          exact duplicate long rows dropped (DISTINCT), keys (report, node, interval, LMP type) with different values
          counted, then the pivot of LMP/MCE/MCC/MCL/MGHG into price, energy, congestion, loss and ghg columns per
          node and interval, the scratch files deleted; at the end the pivoted rows of all days DISTINCT again,
          conflicting keys counted, and written with COPY ... (FORMAT parquet, PARTITION_BY (dataset, operating_date)).
  pjm     per operating day and feed, read_json of the pages (its own schema detection: declaring the items' struct
          made it 2.5 times slower here; read_json_objects with from_json was 1.3 times faster), items unnested, exact
          duplicates dropped and conflicting keys (feed, pnode, interval) counted; at the end rt_unverified_fivemin
          and rt_fivemin_hrl are merged into rt_5min keeping the verified value of each key (the revisions counted),
          operating date and hour ending from the EPT column (elapsed hours since local midnight), and written as
          above. Location id is the pnode id, as the lake's.
  entsoe  every XML file through xml.etree.ElementTree.iterparse in Python (TimeSeries by TimeSeries; A03 gaps
          filled with the previous price, as the curve type means), into pyarrow tables and DuckDB; dataset by
          classification sequence and resolution (da_hourly, da_15min, exaa_15min), fundamentals by document,
          process and psrType (load_forecast_mw, solar_forecast_mw, wind_onshore_forecast_mw, ...); exact duplicates
          dropped, conflicting keys counted, operating date and hour ending in Europe/Brussels, written as above
          (prices by dataset and operating date, fundamentals by series and operating date).

Check (not timed). The lake's curated.market_prices (and for ENTSO-E curated.fundamentals) Parquet data files of the
current snapshot (read from the SQLite catalog, metadata JSON and Avro manifests, no JVM), filtered to the market,
latest revision of each key, against DuckDB's output: row count per dataset equal, sum of price_per_mwh (value for
fundamentals) within 1e-6 relative, and so the sums of the components, hour ending, interval minutes and interval
bounds (epoch seconds) and the number of locations and operating dates. Prints "outputs agree" or what differs.

Output: one table (market, days, source rows, curated rows, wall s, rows/s and peak RSS of each side, and the
throughput ratio, lakehouse rows/s over DuckDB rows/s: issue 18's target is >= 0.5), also written as JSON to
var/bench/ingest/results.json (the rows of this call only), with the details: ingest and curate seconds apart, the rows
each command printed, DuckDB's duplicate rows dropped, conflicting keys and PJM's revised keys, and the check's figures.
rows/s is source rows (the lake's landed count) over wall seconds on both sides; curated rows are the lake's, every
revision included (PJM's rt_5min has a second revision where a verified price differs from the unverified one).
The sample files stay for the next call; each lake home and DuckDB output is removed after its check unless
--keep-outputs. Disk, roughly, at 1,700 locations a day: CAISO 28 MB of zips and a 140 MB lake, PJM 315 MB of JSON
and a 430 MB lake, and DuckDB's scratch holds one CAISO day's CSV (about 0.5 GB) at a time.
"""

import argparse
import datetime
import json
import os
import re
import shutil
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import DUCKDB_VERSION, LAUNCHER, ROOT, duckdb_python, iceberg_data_files, lakehouse_env, run  # noqa: E402

WORK = ROOT / "var" / "bench" / "ingest"
MARKETS = {
    # min_nodes: the generators' own locations (CAISO's 3 hubs and 4 DLAPs, PJM's 8 hubs and 12 zones)
    "caiso": {"code": "CAISO", "start": "2024-08-01", "nodes": 1700, "min_nodes": 7, "max_nodes": None},
    "pjm": {"code": "PJM", "start": "2024-08-01", "nodes": 1700, "min_nodes": 20, "max_nodes": None},
    "entsoe": {"code": "ENTSOE", "start": "2025-10-06", "nodes": 12, "min_nodes": 1, "max_nodes": 12},
}
REL_TOLERANCE = 1e-6
PYARROW_VERSION = "26.0.1"  # the ENTSO-E points go from Python into DuckDB as an Arrow table


# --- the orchestrator (system python, standard library) -------------------------------------------------------------

def node_counts(text):
    """--nodes 20 (CAISO and PJM 20, ENTSO-E min(20, 12)) or --nodes caiso=1700,pjm=2500,entsoe=12."""
    counts = {market: spec["nodes"] for market, spec in MARKETS.items()}
    for part in filter(None, text.split(",")):
        if "=" in part:
            market, value = part.split("=", 1)
            if market not in MARKETS:
                sys.exit(f"error: --nodes names market '{market}'; known: {', '.join(MARKETS)}")
            counts[market] = int(value)
        else:
            counts = {market: int(part) for market in MARKETS}
    for market, spec in MARKETS.items():
        if spec["max_nodes"]:
            counts[market] = min(counts[market], spec["max_nodes"])
    return counts


def check_nodes(markets, counts):
    for market in markets:
        if counts[market] < MARKETS[market]["min_nodes"]:
            sys.exit(f"error: --nodes for {market} must be at least {MARKETS[market]['min_nodes']} (its generator's hubs and zones), got {counts[market]}")


def generate(launcher, market, first, last, nodes, folder, env):
    """The market's SYNTHETIC files, generated once per (market, dates, nodes) and reused."""
    command = [str(launcher), "samples", "--market", market, "--dates", f"{first}..{last}", "--nodes", str(nodes), "--out", str(folder)]
    marker = folder / ".bench-args"
    if marker.exists() and marker.read_text() == " ".join(command[1:]):
        return
    shutil.rmtree(folder, ignore_errors=True)
    print(f"  generating {market} {first}..{last}, {nodes} locations (not timed)", file=sys.stderr, flush=True)
    run(command, env)
    marker.write_text(" ".join(command[1:]))


def lakehouse_run(launcher, market, files, first, last, home, log):
    """ingest + curate on a fresh lake: (wall s, peak MB, source rows, {dataset: curated rows}, error or None, [ingest s, curate s])."""
    shutil.rmtree(home, ignore_errors=True)
    env = lakehouse_env(home, log)
    wall, peak, counts, stages = 0.0, 0.0, {}, []
    source = None
    for command in (["ingest", "--market", market, "--files", str(files), "--home", str(home)],
                    ["curate", "--market", market, "--start", first, "--end", last, "--home", str(home)]):
        seconds, mb, out, code, err = run([str(launcher)] + command, env, check=False)
        wall += seconds
        peak = max(peak, mb)
        stages.append(seconds)
        if code != 0:
            return wall, peak, source, counts, f"{command[0]} exited {code}: {err.strip().splitlines()[-1] if err.strip() else ''}", stages
        for line in out.splitlines():
            rows = re.match(r"Rows: ([\d,]+) parsed into raw tables", line)
            if rows:
                source = int(rows.group(1).replace(",", ""))
            curated = re.match(r"(\S+) (\S+): ([\d,]+) rows for ", line)
            if curated:
                counts[curated.group(2)] = counts.get(curated.group(2), 0) + int(curated.group(3).replace(",", ""))
    if source is None:
        return wall, peak, source, counts, "ingest printed no 'Rows: N parsed into raw tables' line", stages
    return wall, peak, source, counts, None, stages


def duckdb_run(duck, market, files, out, scratch):
    """The DuckDB side as one whole process: (wall s, peak MB, its summary dict, error or None)."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(scratch, ignore_errors=True)
    seconds, mb, stdout, code, err = run([duck, __file__, "--worker", "ingest", market, str(files), str(out), str(scratch)], check=False)
    shutil.rmtree(scratch, ignore_errors=True)
    if code != 0:
        return seconds, mb, None, f"exited {code}: {err.strip()[-2000:]}"
    return seconds, mb, json.loads(stdout.strip().splitlines()[-1]), None


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--markets", default="caiso,pjm,entsoe")
    parser.add_argument("--days", default="1,7,28", help="numbers of days, comma-separated")
    parser.add_argument("--nodes", default="", help="N for CAISO and PJM (ENTSO-E min(N, 12)), or caiso=N,pjm=N,entsoe=N; "
                        "default caiso=1700,pjm=1700,entsoe=12")
    parser.add_argument("--entsoe-day-scale", type=int, default=7, help="ENTSO-E delivery days per day of --days (default 7)")
    parser.add_argument("--start", default="", help="first day per market, e.g. caiso=2024-03-10,pjm=2024-11-03 (defaults: "
                        + ", ".join(f"{m} {spec['start']}" for m, spec in MARKETS.items()) + ")")
    parser.add_argument("--runs", type=int, default=1, help="whole-process runs of each side (median wall, largest RSS)")
    parser.add_argument("--launcher", default=str(LAUNCHER))
    parser.add_argument("--skip-lakehouse", action="store_true")
    parser.add_argument("--skip-duckdb", action="store_true")
    parser.add_argument("--keep-outputs", action="store_true", help="keep each lake home and DuckDB output after its check "
                        "(by default removed, to bound the disk: 28 PJM days at 1,700 pnodes make a 12 GB lake beside 9 GB of files)")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args.worker)

    markets = [m.strip() for m in args.markets.split(",") if m.strip()]
    for market in markets:
        if market not in MARKETS:
            sys.exit(f"error: --markets must be among {', '.join(MARKETS)}, got '{market}'")
    days_list = [int(d) for d in args.days.split(",") if d.strip()]
    nodes = node_counts(args.nodes)
    check_nodes(markets, nodes)
    starts = dict(part.split("=", 1) for part in args.start.split(",") if part.strip())
    launcher = Path(args.launcher).resolve()
    WORK.mkdir(parents=True, exist_ok=True)
    duck = duckdb_python(extra=(("pyarrow", f"pyarrow=={PYARROW_VERSION}"),))
    # The launcher's class-data archive (made once per build by the first Spark command) is made here, outside the
    # timed runs; the build itself is yours to run first (mvn -o -q -B package -DskipTests).
    shutil.rmtree(WORK / "empty-lake", ignore_errors=True)
    run([str(launcher), "sql", "SELECT 1", "--home", str(WORK / "empty-lake")], lakehouse_env(WORK / "empty-lake", WORK / "lakehouse.log"))

    results = []
    for market in markets:
        spec = MARKETS[market]
        for days in days_list:
            span = days * (args.entsoe_day_scale if market == "entsoe" else 1)
            first = datetime.date.fromisoformat(starts.get(market, spec["start"]))
            last = first + datetime.timedelta(days=span - 1)
            base = WORK / f"{market}-{span}d-{nodes[market]}n"
            files = base / "files"
            print(f"{market}: {span} days {first}..{last}, {nodes[market]} locations", file=sys.stderr, flush=True)
            generate(launcher, market, first, last, nodes[market], files, lakehouse_env(base / "none", base / "lakehouse.log"))
            row = {"market": market, "days": span, "locations": nodes[market], "first": str(first), "last": str(last), "errors": []}

            lake_runs = []
            if not args.skip_lakehouse:
                for i in range(args.runs):
                    print(f"  lakehouse run {i + 1}/{args.runs}", file=sys.stderr, flush=True)
                    lake_runs.append(lakehouse_run(launcher, market, files, str(first), str(last), base / "lake", base / "lakehouse.log"))
                source, counts, stages = lake_runs[-1][2], lake_runs[-1][3], lake_runs[-1][5]
                row.update(lake_wall_s=statistics.median(r[0] for r in lake_runs), lake_peak_mb=max(r[1] for r in lake_runs),
                           source_rows=source, lake_curated_printed=counts, lake_ingest_s=stages[0] if stages else None,
                           lake_curate_s=stages[1] if len(stages) > 1 else None)
                row["errors"] += [f"lakehouse: {r[4]}" for r in lake_runs if r[4]]
            duck_runs = []
            if not args.skip_duckdb:
                for i in range(args.runs):
                    print(f"  DuckDB run {i + 1}/{args.runs}", file=sys.stderr, flush=True)
                    duck_runs.append(duckdb_run(duck, market, files, base / "duckdb-out", base / "duckdb-scratch"))
                row.update(duck_wall_s=statistics.median(r[0] for r in duck_runs), duck_peak_mb=max(r[1] for r in duck_runs),
                           duck_summary=duck_runs[-1][2])
                row["errors"] += [f"DuckDB: {r[3]}" for r in duck_runs if r[3]]
                if row.get("source_rows") is None and duck_runs[-1][2]:
                    row["source_rows"] = duck_runs[-1][2]["source_rows"]

            check = None
            if lake_runs and duck_runs and not row["errors"]:
                _, _, out, code, err = run([duck, __file__, "--worker", "check", spec["code"], str(base / "lake"), str(base / "duckdb-out")], check=False)
                if code == 0:
                    check = json.loads(out.strip().splitlines()[-1])
                else:
                    row["errors"].append(f"check: exited {code}: {err.strip()[-2000:]}")
            if check:
                row["check"] = check
                printed = row["lake_curated_printed"]
                for name in sorted(set(printed) | {k for k in check["lake"] if not k.startswith("fundamentals:")}):
                    table = check["lake"].get(name, {}).get("all_revisions", 0)
                    if printed.get(name, 0) != table:
                        check["differences"].append(f"{name}: curate printed {printed.get(name)} rows, the table has {table}")
                if row["duck_summary"]["source_rows"] != row["source_rows"]:
                    check["differences"].append(f"source rows: the lake landed {row['source_rows']}, DuckDB read {row['duck_summary']['source_rows']}")
                print(f"  {market} {span} days: " + ("outputs agree" if not check["differences"] else "outputs differ: " + "; ".join(check["differences"])),
                      flush=True)
                row["outputs_agree"] = not check["differences"]
                row["curated_rows"] = sum(printed.values()) + sum(v["all_revisions"] for k, v in check["lake"].items() if k.startswith("fundamentals:"))
            elif lake_runs:
                row["curated_rows"] = sum(row["lake_curated_printed"].values())
            elif duck_runs and duck_runs[-1][2]:
                row["curated_rows"] = sum(v["rows"] for v in duck_runs[-1][2]["outputs"].values())
            for side in ("lake", "duck"):
                if row.get("source_rows") and row.get(f"{side}_wall_s"):
                    row[f"{side}_rows_per_s"] = row["source_rows"] / row[f"{side}_wall_s"]
            if row.get("lake_rows_per_s") and row.get("duck_rows_per_s"):
                row["throughput_ratio"] = row["lake_rows_per_s"] / row["duck_rows_per_s"]
            for error in row["errors"]:
                print(f"  {market} {span} days: {error}", flush=True)
            if not args.keep_outputs:
                shutil.rmtree(base / "lake", ignore_errors=True)
                shutil.rmtree(base / "duckdb-out", ignore_errors=True)
            results.append(row)

    print(f"\nIngest side by side, {args.runs} whole-process run(s) each (median wall s, largest peak RSS MB); DuckDB {DUCKDB_VERSION}; "
          f"{os.cpu_count()} cores; ratio = lakehouse rows/s / DuckDB rows/s (target >= 0.5)")
    header = f"{'market':7} {'days':>4} {'source rows':>12} {'curated':>11} {'lake s':>8} {'lake rows/s':>11} {'lake MB':>7} " \
             f"{'duck s':>7} {'duck rows/s':>11} {'duck MB':>7} {'ratio':>6}"
    print(header)

    def cell(value, width, form):
        return f"{'-':>{width}}" if value is None else f"{value:>{width}{form}}"
    for r in results:
        print(f"{r['market']:7} {r['days']:>4} {cell(r.get('source_rows'), 12, ',')} {cell(r.get('curated_rows'), 11, ',')} "
              f"{cell(r.get('lake_wall_s'), 8, '.2f')} {cell(r.get('lake_rows_per_s'), 11, ',.0f')} {cell(r.get('lake_peak_mb'), 7, '.0f')} "
              f"{cell(r.get('duck_wall_s'), 7, '.2f')} {cell(r.get('duck_rows_per_s'), 11, ',.0f')} {cell(r.get('duck_peak_mb'), 7, '.0f')} "
              f"{cell(r.get('throughput_ratio'), 6, '.2f')}")
    report = {"duckdb_version": DUCKDB_VERSION, "cores": os.cpu_count(), "runs": args.runs, "nodes": nodes,
              "entsoe_day_scale": args.entsoe_day_scale, "target_ratio": 0.5, "results": results}
    (WORK / "results.json").write_text(json.dumps(report, indent=2, default=str) + "\n")
    print(f"\nwritten to {WORK / 'results.json'}")


# --- the DuckDB side (the virtualenv's python: duckdb, pyarrow) -----------------------------------------------------

PRICE_COLUMNS = ("price_per_mwh", "energy_per_mwh", "congestion_per_mwh", "loss_per_mwh", "ghg_per_mwh")
PRICES_TABLE = """CREATE TABLE prices (dataset VARCHAR, location_id VARCHAR, interval_start_utc TIMESTAMPTZ, interval_end_utc TIMESTAMPTZ,
    interval_minutes INTEGER, operating_date DATE, hour_ending INTEGER, price_per_mwh DOUBLE, energy_per_mwh DOUBLE,
    congestion_per_mwh DOUBLE, loss_per_mwh DOUBLE, ghg_per_mwh DOUBLE)"""


def sql_list(paths):
    return "[" + ", ".join("'" + str(p).replace("'", "''") + "'" for p in paths) + "]"


def scalar(con, query):
    return con.execute(query).fetchone()[0]


def write_prices(con, code, currency, out, summary):
    """DISTINCT over all pivoted rows, conflicting keys counted, COPY partitioned by dataset and operating date."""
    rows = scalar(con, "SELECT count(*) FROM prices")
    con.execute("CREATE TABLE prices_distinct AS SELECT DISTINCT * FROM prices")
    con.execute("DROP TABLE prices")
    summary["duplicate_rows_dropped"] += rows - scalar(con, "SELECT count(*) FROM prices_distinct")
    summary["conflicting_keys"] += scalar(con, "SELECT count(*) FROM (SELECT 1 FROM prices_distinct "
                                                "GROUP BY dataset, location_id, interval_start_utc HAVING count(*) > 1)")
    con.execute(f"""COPY (SELECT '{code}' AS market, *, '{currency}' AS currency FROM prices_distinct)
                    TO '{out}/market_prices' (FORMAT parquet, PARTITION_BY (dataset, operating_date))""")
    for dataset, count in con.execute("SELECT dataset, count(*) FROM prices_distinct GROUP BY 1").fetchall():
        summary["outputs"][dataset] = {"rows": count}


OASIS_TYPES = {"OPR_DT": "DATE", "OPR_HR": "INTEGER", "OPR_INTERVAL": "INTEGER", "POS": "INTEGER", "MW": "DOUBLE", "VALUE": "DOUBLE", "GROUP": "INTEGER"}


def duck_caiso(con, files, out, scratch, summary):
    import zipfile
    con.execute(PRICES_TABLE)
    days = {}
    for path in sorted(files.glob("*.zip")):
        days.setdefault(path.name[:8], []).append(path)
    for day, zips in sorted(days.items()):
        folder = scratch / day
        folder.mkdir(parents=True)
        members = {}  # (report, header line): CSV files; the header gives read_csv its columns, so it sniffs nothing
        for path in zips:
            with zipfile.ZipFile(path) as z:
                for name in z.namelist():
                    target = folder / Path(name).name
                    with z.open(name) as source, open(target, "wb") as sink:
                        header = source.readline()
                        sink.write(header)
                        shutil.copyfileobj(source, sink, 1 << 20)
                    report = "rt" if "_PRC_INTVL_LMP_" in path.name else "da"
                    members.setdefault((report, header.decode("utf-8").strip()), []).append(target)
        for (report, header), csvs in sorted(members.items()):
            dataset, minutes = ("rt_5min", 5) if report == "rt" else ("da_hourly", 60)
            names = header.split(",")
            value = "VALUE" if "VALUE" in names else "MW"
            columns = "{" + ", ".join(f"'{name}': '{OASIS_TYPES.get(name, 'VARCHAR')}'" for name in names) + "}"
            con.execute(f"""CREATE OR REPLACE TEMP TABLE long_ AS
                SELECT NODE AS node, INTERVALSTARTTIME_GMT::TIMESTAMPTZ AS s, INTERVALENDTIME_GMT::TIMESTAMPTZ AS e, OPR_DT AS d,
                       OPR_HR AS h, LMP_TYPE AS t, "{value}" AS v
                FROM read_csv({sql_list(csvs)}, header = true, auto_detect = false, columns = {columns})""")
            rows = scalar(con, "SELECT count(*) FROM long_")
            con.execute("CREATE OR REPLACE TEMP TABLE distinct_ AS SELECT DISTINCT * FROM long_")
            summary["source_rows"] += rows
            summary["duplicate_rows_dropped"] += rows - scalar(con, "SELECT count(*) FROM distinct_")
            summary["conflicting_keys"] += scalar(con, "SELECT count(*) FROM (SELECT 1 FROM distinct_ GROUP BY node, s, t HAVING count(*) > 1)")
            con.execute(f"""INSERT INTO prices SELECT '{dataset}', node, s, e, {minutes}, d, h,
                    any_value(v) FILTER (t = 'LMP'), any_value(v) FILTER (t = 'MCE'), any_value(v) FILTER (t = 'MCC'),
                    any_value(v) FILTER (t = 'MCL'), any_value(v) FILTER (t = 'MGHG')
                FROM distinct_ GROUP BY node, s, e, d, h""")
        shutil.rmtree(folder)
    write_prices(con, "CAISO", "USD", out, summary)


PJM_FEEDS = {  # feed: (dataset, minutes, price suffix, has energy, priority of its values for a key: verified over unverified)
    "da_hrl_lmps": ("da_hourly", 60, "da", True, 1),
    "rt_hrl_lmps": ("rt_hourly", 60, "rt", True, 1),
    "rt_unverified_fivemin_lmps": ("rt_5min", 5, "rt", False, 1),
    "rt_fivemin_hrl_lmps": ("rt_5min", 5, "rt", True, 2),
}


def duck_pjm(con, files, out, scratch, summary):
    con.execute("""CREATE TABLE pjm_rows (feed VARCHAR, dataset VARCHAR, minutes INTEGER, priority INTEGER, pnode_id BIGINT, start_utc TIMESTAMP,
        start_ept TIMESTAMP, total DOUBLE, energy DOUBLE, congestion DOUBLE, loss DOUBLE)""")
    pages = {}
    for path in sorted(files.glob("*.json")):
        match = re.match(r"(.+)_(\d{8})_row\d+\.json$", path.name)
        if match and match.group(1) in PJM_FEEDS:
            pages.setdefault((match.group(2), match.group(1)), []).append(path)
    for (day, feed), paths in sorted(pages.items()):
        dataset, minutes, s, has_energy, priority = PJM_FEEDS[feed]
        con.execute(f"""CREATE OR REPLACE TEMP TABLE long_ AS
            SELECT i.pnode_id, i.datetime_beginning_utc::TIMESTAMP AS start_utc, i.datetime_beginning_ept::TIMESTAMP AS start_ept,
                   i.total_lmp_{s} AS total, {f'i.system_energy_price_{s}' if has_energy else 'NULL::DOUBLE'} AS energy,
                   i.congestion_price_{s} AS congestion, i.marginal_loss_price_{s} AS loss
            FROM (SELECT unnest(items) AS i FROM read_json({sql_list(paths)}, maximum_object_size = 1073741824))""")
        rows = scalar(con, "SELECT count(*) FROM long_")
        summary["source_rows"] += rows
        con.execute(f"INSERT INTO pjm_rows SELECT DISTINCT '{feed}', '{dataset}', {minutes}, {priority}, * FROM long_")
    con.execute("CREATE TABLE pjm_distinct AS SELECT DISTINCT * FROM pjm_rows")
    con.execute("DROP TABLE pjm_rows")
    summary["duplicate_rows_dropped"] += summary["source_rows"] - scalar(con, "SELECT count(*) FROM pjm_distinct")
    summary["conflicting_keys"] += scalar(con, "SELECT count(*) FROM (SELECT 1 FROM pjm_distinct GROUP BY feed, pnode_id, start_utc HAVING count(*) > 1)")
    summary["revised_keys"] = scalar(con, """SELECT count(*) FROM (SELECT 1 FROM (SELECT DISTINCT dataset, pnode_id, start_utc, total, congestion, loss
        FROM pjm_distinct) GROUP BY dataset, pnode_id, start_utc HAVING count(*) > 1)""")
    con.execute(PRICES_TABLE)
    con.execute("""INSERT INTO prices SELECT dataset, pnode_id::VARCHAR, timezone('UTC', start_utc),
            timezone('UTC', start_utc) + to_minutes(any_value(minutes)), any_value(minutes), start_ept::DATE,
            (epoch(timezone('UTC', start_utc)) - epoch(timezone('America/New_York', start_ept::DATE::TIMESTAMP)))::BIGINT // 3600 + 1,
            arg_max(total, priority), arg_max(energy, priority), arg_max(congestion, priority), arg_max(loss, priority), NULL
        FROM pjm_distinct GROUP BY dataset, pnode_id, start_utc, start_ept""")
    write_prices(con, "PJM", "USD", out, summary)


ENTSOE_ZONES = {"10Y1001A1001A82H": "DE_LU", "10YFR-RTE------C": "FR", "10YNL----------L": "NL", "10YBE----------2": "BE",
                "10YAT-APG------L": "AT", "10YNO-2--------T": "NO_2", "10Y1001A1001A46L": "SE_3", "10YDK-1--------W": "DK_1",
                "10YFI-1--------U": "FI", "10YPL-AREA-----S": "PL", "10YES-REE------0": "ES", "10Y1001A1001A73I": "IT_NORD"}
ENTSOE_SERIES = {("A65", "A01", None): "load_forecast_mw", ("A65", "A16", None): "load_actual_mw", ("A69", "A01", "B16"): "solar_forecast_mw",
                 ("A69", "A01", "B18"): "wind_offshore_forecast_mw", ("A69", "A01", "B19"): "wind_onshore_forecast_mw"}


def entsoe_points(path, summary):
    """(kind, dataset or series, zone, start, minutes, value) of every interval of one XML document, A03 gaps filled."""
    import xml.etree.ElementTree as ET
    document, process, rows = None, None, []
    for _, element in ET.iterparse(path, events=("end",)):
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "type" and document is None:
            document = element.text
        elif tag == "process.processType":
            process = element.text
        elif tag == "TimeSeries":
            fields = {}
            for child in element.iter():
                name = child.tag.rsplit("}", 1)[-1]
                if name not in ("Point", "position", "price.amount", "quantity") and child.text and child.text.strip():
                    fields.setdefault(name, child.text.strip())
            zone = ENTSOE_ZONES.get(fields.get("in_Domain.mRID") or fields.get("outBiddingZone_Domain.mRID") or fields.get("inBiddingZone_Domain.mRID"))
            minutes = int(re.fullmatch(r"PT(\d+)M", fields["resolution"]).group(1))
            start = datetime.datetime.strptime(fields["start"], "%Y-%m-%dT%H:%MZ").replace(tzinfo=datetime.timezone.utc)
            end = datetime.datetime.strptime(fields["end"], "%Y-%m-%dT%H:%MZ").replace(tzinfo=datetime.timezone.utc)
            count = int((end - start).total_seconds() // 60 // minutes)
            values = {}
            for point in element.iter():
                if point.tag.endswith("}Point") or point.tag == "Point":
                    position, value = None, None
                    for child in point:
                        name = child.tag.rsplit("}", 1)[-1]
                        if name == "position":
                            position = int(child.text)
                        elif name in ("price.amount", "quantity"):
                            value = float(child.text)
                    values[position] = value
                    summary["source_rows"] += 1
            if document == "A44":
                sequence = int(fields.get("classificationSequence_AttributeInstanceComponent.position", "1"))
                kind, name = "price", ("exaa_" if sequence == 2 else "da_") + ("hourly" if minutes == 60 else f"{minutes}min")
            else:
                kind, name = "fundamental", ENTSOE_SERIES.get((document, process, fields.get("psrType")))
            previous = None
            for position in range(1, count + 1):
                value = values.get(position, previous if fields.get("curveType") == "A03" else None)
                if value is not None:
                    rows.append((kind, name, zone, start + datetime.timedelta(minutes=minutes * (position - 1)), minutes, value))
                previous = value
            element.clear()
    return rows


def duck_entsoe(con, files, out, scratch, summary):
    import pyarrow as pa
    rows = []
    for path in sorted(files.glob("*.xml")):
        rows.extend(entsoe_points(str(path), summary))
    columns = list(zip(*rows)) if rows else [[]] * 6
    points = pa.table({"kind": pa.array(columns[0], pa.string()), "name": pa.array(columns[1], pa.string()),
                       "zone": pa.array(columns[2], pa.string()), "start_utc": pa.array(columns[3], pa.timestamp("us", tz="UTC")),
                       "minutes": pa.array(columns[4], pa.int32()), "value": pa.array(columns[5], pa.float64())})
    con.register("points", points)
    local = "timezone('Europe/Brussels', start_utc)"
    common = f"""zone, start_utc, start_utc + to_minutes(minutes), minutes, {local}::DATE,
        (epoch(start_utc) - epoch(timezone('Europe/Brussels', {local}::DATE::TIMESTAMP)))::BIGINT // 3600 + 1, value"""
    con.execute(PRICES_TABLE)
    con.execute(f"INSERT INTO prices SELECT name, {common}, NULL, NULL, NULL, NULL FROM points WHERE kind = 'price'")
    con.execute(f"""CREATE TABLE fundamentals AS SELECT name AS series, zone AS location_id, start_utc AS interval_start_utc,
        start_utc + to_minutes(minutes) AS interval_end_utc, minutes AS interval_minutes, {local}::DATE AS operating_date,
        (epoch(start_utc) - epoch(timezone('Europe/Brussels', {local}::DATE::TIMESTAMP)))::BIGINT // 3600 + 1 AS hour_ending, value, 'MW' AS unit
        FROM points WHERE kind = 'fundamental'""")
    write_prices(con, "ENTSOE", "EUR", out, summary)
    rows = scalar(con, "SELECT count(*) FROM fundamentals")
    con.execute("CREATE TABLE fundamentals_distinct AS SELECT DISTINCT * FROM fundamentals")
    summary["duplicate_rows_dropped"] += rows - scalar(con, "SELECT count(*) FROM fundamentals_distinct")
    summary["conflicting_keys"] += scalar(con, "SELECT count(*) FROM (SELECT 1 FROM fundamentals_distinct "
                                               "GROUP BY series, location_id, interval_start_utc HAVING count(*) > 1)")
    con.execute(f"""COPY (SELECT 'ENTSOE' AS market, * FROM fundamentals_distinct)
                    TO '{out}/fundamentals' (FORMAT parquet, PARTITION_BY (series, operating_date))""")
    for series, count in con.execute("SELECT series, count(*) FROM fundamentals_distinct GROUP BY 1").fetchall():
        summary["outputs"][f"fundamentals:{series}"] = {"rows": count}


def check(code, home, out):
    """The lake's latest revisions against DuckDB's output, per dataset (and per fundamentals series): the row count and
    the sum of the price (value) within REL_TOLERANCE, and the same for the other columns both have (components, hour
    ending, locations, operating dates, interval bounds)."""
    import duckdb
    con = duckdb.connect()
    lake, duck, differences = {}, {}, []
    tables = [("market_prices", "dataset", ["price_per_mwh", "energy_per_mwh", "congestion_per_mwh", "loss_per_mwh", "ghg_per_mwh"], "")]
    if code == "ENTSOE":
        tables.append(("fundamentals", "series", ["value"], "fundamentals:"))
    for table, key, values, prefix in tables:
        def measures(only=""):
            return ", ".join([f"count(*){only} AS rows"] + [f"sum({v}){only} AS {v}" for v in values] + [
                f"sum(hour_ending){only} AS hour_ending", f"sum(interval_minutes){only} AS interval_minutes",
                f"count(DISTINCT location_id){only} AS locations", f"count(DISTINCT operating_date){only} AS operating_dates",
                f"sum(epoch(interval_start_utc)){only} AS interval_starts", f"sum(epoch(interval_end_utc)){only} AS interval_ends"])
        files = iceberg_data_files(home, "curated", table, {"market": code})
        if files:
            relation = con.sql(f"""SELECT {key} AS name, {measures(' FILTER (newest = 1)')}, count(*) AS all_revisions
                FROM (SELECT *, row_number() OVER (PARTITION BY {key}, location_id, interval_start_utc ORDER BY revision DESC) AS newest
                      FROM read_parquet({sql_list(files)}, hive_partitioning = false) WHERE market = '{code}')
                GROUP BY {key}""")
            for record in relation.fetchall():
                lake[prefix + record[0]] = dict(zip(relation.columns[1:], record[1:]))
        written = sorted(Path(out, table).rglob("*.parquet"))
        if written:
            relation = con.sql(f"""SELECT {key} AS name, {measures()}
                FROM read_parquet({sql_list(written)}, hive_partitioning = true) GROUP BY {key}""")
            for record in relation.fetchall():
                duck[prefix + record[0]] = dict(zip(relation.columns[1:], record[1:]))
    for name in sorted(set(lake) | set(duck)):
        ours, theirs = lake.get(name), duck.get(name)
        if ours is None or theirs is None:
            differences.append(f"{name}: only in {'DuckDB' if ours is None else 'the lake'} ({(theirs or ours)['rows']} rows)")
            continue
        for column, b in theirs.items():
            a = ours[column]
            if a is None or b is None:
                if a is not b:
                    differences.append(f"{name}: {column} lake {a!r}, DuckDB {b!r}")
            elif abs(a - b) > REL_TOLERANCE * max(abs(a), abs(b)):
                what = "rows (latest revisions)" if column == "rows" else f"sum of {column}" if column in ("price_per_mwh", "value") else column
                differences.append(f"{name}: {what} lake {a!r}, DuckDB {b!r} (relative {abs(a - b) / max(abs(a), abs(b)):.2e})")
    print(json.dumps({"lake": lake, "duckdb": duck, "differences": differences}, default=str))


def worker(argv):
    if argv[0] == "check":
        return check(*argv[1:4])
    import duckdb
    _, market, files, out, scratch = argv
    files, scratch = Path(files), Path(scratch)
    scratch.mkdir(parents=True, exist_ok=True)
    Path(out).mkdir(parents=True, exist_ok=True)
    con = duckdb.connect()
    con.execute(f"SET temp_directory = '{scratch / 'duckdb-tmp'}'")
    summary = {"source_rows": 0, "duplicate_rows_dropped": 0, "conflicting_keys": 0, "outputs": {}}
    {"caiso": duck_caiso, "pjm": duck_pjm, "entsoe": duck_entsoe}[market](con, files, out, scratch, summary)
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
