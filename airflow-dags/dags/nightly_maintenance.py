"""Nightly Iceberg maintenance of every lakehouse table: rewrite small files, expire old snapshots (the
snapshots published datasets point to are kept by their `published-*` tags), remove orphan files."""

import datetime as dt
import os
from zoneinfo import ZoneInfo

from airflow.sdk import DAG, CronTriggerTimetable

from lakehouse_dags.jobs import LakehouseJobOperator

SNAPSHOT_MAX_AGE = os.environ.get("LAKEHOUSE_MAINTENANCE_SNAPSHOT_MAX_AGE", "7d")
ORPHAN_MIN_AGE = os.environ.get("LAKEHOUSE_MAINTENANCE_ORPHAN_MIN_AGE", "3d")

with DAG(
    dag_id="nightly_maintenance",
    description="Iceberg maintenance: compact small files, expire snapshots (keeping published ones), remove orphans",
    # 03:30 UTC is 19:30/20:30 Pacific: between CAISO's day-ahead (14:00) and real-time (04:00) runs.
    schedule=CronTriggerTimetable("30 3 * * *", timezone="UTC"),
    start_date=dt.datetime(2024, 1, 1, tzinfo=ZoneInfo("UTC")),
    catchup=False,
    max_active_runs=1,
    default_args={"owner": "lakehouse", "retries": 1, "retry_delay": dt.timedelta(minutes=15),
                  "execution_timeout": dt.timedelta(hours=3)},
    tags=["lakehouse", "maintenance"],
    doc_md=f"""
### Nightly Iceberg maintenance

`bin/lakehouse maintain` on every table of the catalog, in this order:

1. rewrite small data files (bin-packing to the target file size);
2. expire snapshots older than **{SNAPSHOT_MAX_AGE}** (`LAKEHOUSE_MAINTENANCE_SNAPSHOT_MAX_AGE`); the
   snapshots that published datasets were made from carry `published-<dataset>-<market>` tags and are kept;
3. remove orphan files older than **{ORPHAN_MIN_AGE}** (`LAKEHOUSE_MAINTENANCE_ORPHAN_MIN_AGE`), never
   younger than an hour, so a job still writing is never robbed of its files.

The raw payload store is never touched: nothing that was received is lost.
""",
) as dag:
    LakehouseJobOperator(
        task_id="maintain",
        command=["maintain", "--snapshot-max-age", SNAPSHOT_MAX_AGE, "--orphan-min-age", ORPHAN_MIN_AGE],
    )
