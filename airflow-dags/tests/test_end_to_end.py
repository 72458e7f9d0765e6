"""The DAGs run for real: `airflow dags test`, runs triggered through the REST API, a corrupt input, and a
week's backfill by the scheduler compared with the same jobs run by hand.

Order matters and is the file's order: later tests rerun days earlier tests processed, which is the point
(a rerun replaces a day's rows and never duplicates them).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import sys
import time
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from conftest import NODES, REPO, Lakehouse

sys.path.insert(0, str(REPO / "airflow-dags"))
import trigger  # noqa: E402

pytestmark = pytest.mark.end_to_end

CURATED_DAY = ("SELECT count(*) AS rows_total, count(DISTINCT hour_ending) AS hours, count(DISTINCT location_id) AS locations "
               "FROM curated.market_prices WHERE market = 'CAISO' AND dataset = 'da_hourly' AND operating_date = DATE '{day}'")

# Whole-table fingerprints: row count and an order-free sum of a hash of every column of every row, except the
# columns that name the run which wrote a row (a raw row's landing_id is a new UUID per landing run, by design).
FINGERPRINTED = ("raw.caiso_prc_lmp", "curated.market_prices", "curated.data_quality", "published.hub_prices_hourly",
                 "published.hub_prices_daily")
RUN_COLUMNS = {"raw.caiso_prc_lmp": ("landing_id",)}


def fingerprinted_rows(table: str) -> str:
    excluded = RUN_COLUMNS.get(table)
    return f"(SELECT * EXCEPT ({', '.join(excluded)}) FROM {table})" if excluded else table

def fingerprints(lakehouse: Lakehouse) -> dict[str, dict[str, str]]:
    # One statement for all tables (each bin/lakehouse sql is a JVM start), one for the days.
    every_table = " UNION ALL ".join(
        f"SELECT '{table}' AS table_name, count(*) AS row_count, coalesce(sum(CAST(xxhash64(*) AS DECIMAL(38, 0))), 0) AS fingerprint "
        f"FROM {fingerprinted_rows(table)}"
        for table in FINGERPRINTED)
    per_day = ("SELECT operating_date, count(*) AS row_count, coalesce(sum(CAST(xxhash64(*) AS DECIMAL(38, 0))), 0) AS fingerprint FROM curated.market_prices "
               "GROUP BY operating_date ORDER BY operating_date")
    table_rows, day_rows = lakehouse.query(every_table, per_day)
    tables = {row["table_name"]: row for row in table_rows}
    assert sorted(tables) == sorted(FINGERPRINTED)
    tables["per_day"] = {row["operating_date"]: f"{row['row_count']}:{row['fingerprint']}" for row in day_rows}
    return tables


def api(airflow):
    """An authenticated apache-airflow-client session against the test Airflow (token from /auth/token)."""
    import airflow_client.client as airflow_client

    env = {}
    for line in (airflow.directory / "airflow.env").read_text().splitlines():
        if line.startswith("export "):
            key, _, value = line[len("export "):].partition("=")
            env[key] = value.strip("'")
    base_url = env["AIRFLOW__API__BASE_URL"]
    password = json.loads(Path(env["AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE"]).read_text())["admin"]
    return airflow_client.ApiClient(airflow_client.Configuration(host=base_url, access_token=trigger.token(base_url, "admin", password)))


def test_dags_test_runs_a_day_against_the_lakehouse(airflow):
    started = time.monotonic()
    result = airflow.script("cli", "dags", "test", "ingest_caiso", "2024-03-04")
    print(f"airflow dags test ingest_caiso 2024-03-04: {time.monotonic() - started:.1f} s")
    assert "Replaying" in result.stdout + result.stderr
    [[day]] = airflow.lakehouse.query(CURATED_DAY.format(day="2024-03-04"))
    assert day == {"rows_total": str(24 * NODES), "hours": "24", "locations": str(NODES)}


def test_rest_api_run_reaches_success(airflow):
    started = time.monotonic()
    result = airflow.script("trigger", "ingest_caiso", "--date", "2024-03-10", "--wait", "--timeout", "1200", check=False)
    print(result.stdout, result.stderr)
    print(f"REST-triggered run for 2024-03-10: {time.monotonic() - started:.1f} s")
    assert result.returncode == 0
    assert "logical date 2024-03-09T22:00:00+00:00" in result.stdout
    assert ": success in" in result.stdout
    for task in ("ingest", "curate", "check", "publish"):
        assert f"{task:<14} success" in result.stdout
    [[day]] = airflow.lakehouse.query(CURATED_DAY.format(day="2024-03-10"))
    assert day == {"rows_total": str(23 * NODES), "hours": "23", "locations": str(NODES)}  # spring forward


def test_corrupt_input_fails_with_its_reason_and_is_quarantined(airflow):
    corrupt = airflow.replay / "caiso" / "20240312_20240312_PRC_LMP_DAM_20240311_13_05_12_v12.zip"
    corrupt.write_bytes(b"PK\x03\x04 this is not the zip OASIS sent: truncated in transit\n")
    try:
        result = airflow.script("trigger", "ingest_caiso", "--date", "2024-03-12", "--wait", "--timeout", "900", check=False)
    finally:
        corrupt_bytes = corrupt.read_bytes()
        corrupt.unlink()
    print(result.stdout, result.stderr)
    assert result.returncode == 1
    assert ": failed in" in result.stdout
    assert f"{'ingest':<14} failed" in result.stdout
    assert f"{'publish':<14} upstream_failed" in result.stdout
    # The reason, as the task log holds it (read back through the REST API).
    assert "ingest failed: " in result.stdout and "Cannot ingest 1 of 1 payloads" in result.stdout
    assert corrupt.name in result.stdout

    from airflow_client.client.api.task_instance_api import TaskInstanceApi
    with api(airflow) as client:
        run_id = result.stdout.split("run ", 1)[1].split(" ", 1)[0]
        ingest = TaskInstanceApi(client).get_task_instance("ingest_caiso", run_id, "ingest")
        assert ingest.try_number == 1, "bad input must not be retried"
        log = "\n".join(trigger.log_lines(TaskInstanceApi(client), "ingest_caiso", run_id, "ingest", 1))
        assert "rejected" in log and corrupt.name in log

    quarantine, fetches = airflow.lakehouse.query(
        "SELECT q.reason, q.fetch_id, q.stage FROM curated.quarantine q JOIN raw.fetch_log f ON q.fetch_id = f.fetch_id "
        f"WHERE f.file_name = '{corrupt.name}'",
        f"SELECT outcome, payload_path, sha256 FROM raw.fetch_log WHERE file_name = '{corrupt.name}'")
    assert len(quarantine) == 1 and quarantine[0]["stage"] == "parse" and quarantine[0]["reason"]
    [fetch] = fetches
    assert fetch["outcome"] == "rejected"
    kept = Path(fetch["payload_path"].removeprefix("file:"))
    assert kept.read_bytes() == corrupt_bytes
    assert fetch["sha256"] == hashlib.sha256(corrupt_bytes).hexdigest()


def test_nightly_maintenance_runs(airflow):
    result = airflow.script("cli", "dags", "test", "nightly_maintenance", "2024-03-13")
    output = result.stdout + result.stderr
    assert "curated.market_prices" in output
    [[tags]] = airflow.lakehouse.query("SELECT count(*) AS tags FROM curated.market_prices.refs WHERE type = 'TAG' AND name LIKE 'published-%'")
    assert int(tags["tags"]) >= 1


def test_backfill_of_a_week_equals_running_the_jobs_by_hand(airflow):
    from airflow_client.client.api.dag_run_api import DagRunApi

    # Operating days 2024-03-04..2024-03-10 are the runs due in (03-03T00:00Z, 03-10T00:00Z]: 14:00 Pacific on
    # 03-03..03-09. 03-04 and 03-10 were processed before; --reprocess-behavior completed runs them again.
    airflow.script("cli", "dags", "unpause", "ingest_caiso")  # the scheduler runs a backfill of an unpaused DAG only
    started = time.monotonic()
    created = airflow.script("cli", "backfill", "create", "--dag-id", "ingest_caiso", "--from-date", "2024-03-03",
                             "--to-date", "2024-03-10", "--reprocess-behavior", "completed")
    print(created.stdout)
    with api(airflow) as client:
        runs = DagRunApi(client)
        while True:
            backfill_runs = [run for run in runs.get_dag_runs("ingest_caiso", limit=100).dag_runs if run.run_type.value == "backfill"]
            states = sorted(run.state.value for run in backfill_runs)
            if len(backfill_runs) == 7 and all(state in ("success", "failed") for state in states):
                break
            assert time.monotonic() - started < 3600, f"backfill still running after an hour: {states}"
            time.sleep(15)
    elapsed = time.monotonic() - started
    print(f"backfill of 7 days: {elapsed:.1f} s ({elapsed / 7:.1f} s per day)")
    assert states == ["success"] * 7
    assert sorted(run.logical_date.date().isoformat() for run in backfill_runs) == [f"2024-03-0{day}" for day in range(3, 10)]

    by_hand = Lakehouse(airflow.directory.parent / "by-hand")
    replay = str(airflow.replay / "caiso")
    by_hand.run("ingest", "--market", "caiso", "--files", replay, "--report", "prc_lmp", "--start", "2024-03-04", "--end", "2024-03-10")
    by_hand.run("curate", "--market", "caiso", "--report", "prc_lmp", "--start", "2024-03-04", "--end", "2024-03-10")
    by_hand.run("publish", "--market", "caiso")

    scheduled, manual = fingerprints(airflow.lakehouse), fingerprints(by_hand)
    assert scheduled == manual
    assert sorted(manual["per_day"]) == [f"2024-03-{day:02d}" for day in range(4, 11)]
    [[duplicates]] = airflow.lakehouse.query(
        "SELECT count(*) AS keys FROM (SELECT location_id, interval_start_utc FROM curated.market_prices "
        "GROUP BY location_id, interval_start_utc HAVING count(*) > 1)")
    assert duplicates["keys"] == "0"


def test_the_factory_made_real_time_dag_runs_yesterday(airflow):
    """ingest_caiso_rt comes from the same factory: at 04:00 Pacific on 2024-03-05 it processes 2024-03-04's 5-minute prices."""
    result = airflow.script("cli", "dags", "test", "ingest_caiso_rt", "2024-03-05T12:00:00+00:00")
    assert "Replaying 24 of" in result.stdout + result.stderr  # one RTM file per hour of the day
    [[day]] = airflow.lakehouse.query(
        "SELECT count(*) AS rows_total, count(DISTINCT hour_ending) AS hours FROM curated.market_prices "
        "WHERE market = 'CAISO' AND dataset = 'rt_5min' AND operating_date = DATE '2024-03-04'")
    assert day == {"rows_total": str(24 * 12 * NODES), "hours": "24"}


def test_publish_does_not_run_when_check_fails(airflow):
    """The check task gates publishing. For a day nothing was landed for, ``ingest`` and ``curate`` are marked
    successful without running (``--mark-success-pattern``); the real ``check`` job finds the day empty and fails,
    so ``publish`` is upstream_failed. Last in the file: the day's run must not reach the backfill's fingerprints."""
    from airflow_client.client.api.dag_run_api import DagRunApi
    from airflow_client.client.api.task_instance_api import TaskInstanceApi

    result = airflow.script("cli", "dags", "test", "ingest_caiso", "2024-03-20", "--mark-success-pattern", "^(ingest|curate)$", check=False)
    assert result.returncode != 0, result.stdout + result.stderr
    assert "DagRun failed" in result.stdout + result.stderr
    with api(airflow) as client:
        [run] = [run for run in DagRunApi(client).get_dag_runs("ingest_caiso", limit=100).dag_runs
                 if run.logical_date.date().isoformat() == "2024-03-20"]
        states = {ti.task_id: ti.state.value for ti in TaskInstanceApi(client).get_task_instances("ingest_caiso", run.dag_run_id).task_instances}
    assert states == {"ingest": "success", "curate": "success", "check": "failed", "publish": "upstream_failed"}


def same_clock(feed_zone: str, market_zone: str) -> bool:
    """Whether two zone names keep one clock: equal names, or a fixed offset (Java's "-05:00", MISO's EST all year)
    and an IANA zone with that offset on every day of 2024 (Airflow needs an IANA name: "Etc/GMT+5")."""
    if feed_zone == market_zone:
        return True
    if market_zone[:1] not in "+-":
        return False
    sign = -1 if market_zone[0] == "-" else 1
    hours, minutes = (int(part) for part in market_zone[1:].split(":"))
    offset = dt.timedelta(hours=sign * hours, minutes=sign * minutes)
    zone = ZoneInfo(feed_zone)
    day = dt.datetime(2024, 1, 1, 12)
    return all((day + dt.timedelta(days=n)).replace(tzinfo=zone).utcoffset() == offset for n in range(0, 366, 7))


def test_the_feed_list_agrees_with_the_market_registry():
    """Airflow's feeds stay plain Python, checked here against the CLI's registry so the two cannot drift: every feed's
    market has a connector, the feed's time zone is the market's, and its reports and datasets are the market's."""
    from lakehouse_dags.markets import FEEDS

    result = Lakehouse(REPO / "var" / "airflow-test" / "registry").run("markets", "--format", "json")
    markets = {market["code"]: market for market in json.loads(result.stdout)}
    for feed in FEEDS:
        assert feed.market in markets, f"{feed.dag_id}: market {feed.market} has no connector ({sorted(markets)})"
        market = markets[feed.market]
        assert same_clock(feed.timezone, market["time_zone"]), f"{feed.dag_id}: {feed.timezone} is not the market's clock {market['time_zone']}"
        reports = {report["name"]: report for report in market["reports"]}
        assert set(feed.reports) <= set(reports), f"{feed.dag_id}: {feed.reports} not among {sorted(reports)}"
        datasets = {output["dataset"] for name in feed.reports for output in reports[name]["outputs"]}
        # The gate checks the datasets the feed names: all its reports feed, or those whole every day (ENTSO-E's A44 feeds
        # EXAA's quarter hours too, which only some zones have; Nord Pool's local-currency datasets only when asked for).
        assert set(feed.datasets) <= datasets, f"{feed.dag_id}: datasets {feed.datasets}, its reports feed {sorted(datasets)}"
