"""The ingest DAG of one market feed: ingest -> curate -> check -> publish for one operating day."""

from __future__ import annotations

import datetime as dt
import os
from zoneinfo import ZoneInfo

from airflow.sdk import DAG, CronTriggerTimetable, Param, TriggerRule

from lakehouse_dags.jobs import READER_POOL, LakehouseJobOperator, replay_dir
from lakehouse_dags.markets import MarketFeed
from lakehouse_dags.operating_day import operating_day

DAY = "{{ operating_day(logical_date or dag_run.run_after, params.operating_day) }}"


def default_args() -> dict:
    return {
        "owner": "lakehouse",
        "retries": int(os.environ.get("LAKEHOUSE_AIRFLOW_RETRIES", "2")),
        "retry_delay": dt.timedelta(seconds=int(os.environ.get("LAKEHOUSE_AIRFLOW_RETRY_DELAY_SECONDS", "300"))),
        "retry_exponential_backoff": 2.0,
        "execution_timeout": dt.timedelta(hours=2),
    }


def source_arguments(feed: MarketFeed) -> list[str]:
    """Replay recorded files when LAKEHOUSE_REPLAY_DIR is set (tests, demos, no internet); else fetch live."""
    replay = replay_dir(feed.market)
    if replay is not None:
        return ["--files", str(replay), "--start", DAY, "--end", DAY]
    return ["--live", "--start", DAY]


def ingest_dag(feed: MarketFeed) -> DAG:
    market = ["--market", feed.market]
    reports = [argument for report in feed.reports for argument in ("--report", report)]
    with DAG(
        dag_id=feed.dag_id,
        description=feed.description,
        schedule=CronTriggerTimetable(feed.cron, timezone=feed.timezone),
        start_date=dt.datetime.combine(feed.start_date, dt.time(0, 0), tzinfo=ZoneInfo(feed.timezone)),
        catchup=False,
        # Runs go one at a time: publish rebuilds the market's datasets, and a local catalog has one writer.
        max_active_runs=1,
        default_args=default_args(),
        params={"operating_day": Param(None, type=["null", "string"], format="date",
                                       description="Operating day to process instead of the one the logical date maps to")},
        user_defined_macros={
            "operating_day": lambda when, override=None: operating_day(when, feed.timezone, feed.day_offset, override).isoformat(),
        },
        tags=["lakehouse", "ingest", *feed.tags],
        doc_md=f"""
### {feed.description}

Runs daily at {feed.publish_time:%H:%M} {feed.timezone}, when the operator has published the data, and
processes operating day **D = local date of the logical date {feed.day_offset:+d} day(s)**
(see `lakehouse_dags/operating_day.py`). A run's conf may name the day: `{{"operating_day": "2024-03-10"}}`.

1. `ingest`: land the {", ".join(feed.reports)} payloads in the raw layer (identical bytes are a no-op; a
   corrupt file is quarantined and fails the task without retries).
2. `curate`: replace the day's partitions of `curated.market_prices` ({", ".join(feed.datasets)}).
3. `check`: the gate. The day's partition holds every hour of the day (23, 24 or 25 in {feed.timezone}) and every
   location a published dataset averages (the trading hubs) holds every interval; otherwise it fails (exit 2, no
   retry) and `publish` does not run.
4. `publish`: rebuild the market's published datasets and move their `published-*` Iceberg tags; only after
   `check` succeeded.

{"" if feed.publishes else "This feed holds reference data (no market prices): its DAG is `ingest` -> `curate` only."}

Trigger one day by hand: `bin/lakehouse airflow trigger {feed.dag_id} --date 2024-03-10 --wait`.
""",
    ) as dag:
        ingest = LakehouseJobOperator(task_id="ingest", command=["ingest", *market, *reports, *source_arguments(feed)])
        curate = LakehouseJobOperator(task_id="curate", command=["curate", *market, "--run-date", DAY, *reports])
        if not feed.publishes:
            ingest >> curate
            return dag
        check = LakehouseJobOperator(
            task_id="check",
            command=["check", *market, "--run-date", DAY, *[argument for dataset in feed.datasets for argument in ("--dataset", dataset)]],
            retries=0,
            pool=READER_POOL,
        )
        # The gate: publish runs only when check succeeded (all_success, stated rather than left to the default).
        publish = LakehouseJobOperator(task_id="publish", command=["publish", *market], trigger_rule=TriggerRule.ALL_SUCCESS)

        ingest >> curate >> check >> publish
    return dag
