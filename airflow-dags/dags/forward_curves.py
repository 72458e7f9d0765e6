"""Daily forward curves: load the day's futures settlement files, then fit every market's maximum-smoothness
curve to them (`bin/lakehouse curves build`) into analytics.forward_curves."""

import datetime as dt
import os
from zoneinfo import ZoneInfo

from airflow.sdk import DAG, CronTriggerTimetable, Param

from lakehouse_dags.ingest import default_args
from lakehouse_dags.jobs import LakehouseJobOperator
from lakehouse_dags.operating_day import operating_day

# US exchanges settle power and gas futures by 17:00 New York and EEX by 18:00 Berlin (12:00 New York);
# the trade date is the New York date of the run.
TIMEZONE = "America/New_York"
TRADE_DATE = "{{ trade_date(logical_date or dag_run.run_after, params.trade_date) }}"
# The folder the licensed settlement files are delivered to; loading it again is a no-op for files already seen.
SETTLEMENTS_DIR = os.environ.get("LAKEHOUSE_SETTLEMENTS_DIR")

with DAG(
    dag_id="forward_curves",
    description="Futures settlements -> curated.commodity_prices -> maximum-smoothness curves in analytics.forward_curves",
    schedule=CronTriggerTimetable("30 19 * * 1-5", timezone=TIMEZONE),
    start_date=dt.datetime(2024, 1, 1, tzinfo=ZoneInfo(TIMEZONE)),
    catchup=False,
    max_active_runs=1,
    default_args=default_args(),
    params={"trade_date": Param(None, type=["null", "string"], format="date",
                                description="Trade date to build instead of the one the logical date maps to")},
    user_defined_macros={
        "trade_date": lambda when, override=None: operating_day(when, TIMEZONE, 0, override).isoformat(),
    },
    tags=["lakehouse", "curves"],
    doc_md=f"""
### Daily forward curves

Runs Monday to Friday at 19:30 {TIMEZONE}, after the US and European exchanges have settled, for trade date
**the New York date of the logical date** (a run's conf may name it: `{{"trade_date": "2024-06-14"}}`).

1. `ingest_settlements` (when `LAKEHOUSE_SETTLEMENTS_DIR` is set, here `{SETTLEMENTS_DIR}`): load the settlement
   CSV files of that folder into `curated.commodity_prices` (files already loaded change nothing).
2. `build_curves`: `bin/lakehouse curves build --as-of <trade date>`: every market with settlements that day gets
   its daily base/peak/off-peak curves; a market whose quotes are inconsistent fails the task without retries,
   naming every inconsistency, after the other markets were written.
""",
) as dag:
    build = LakehouseJobOperator(task_id="build_curves", command=["curves", "build", "--as-of", TRADE_DATE])
    if SETTLEMENTS_DIR:
        LakehouseJobOperator(task_id="ingest_settlements", command=["ingest-settlements", "--files", SETTLEMENTS_DIR]) >> build
