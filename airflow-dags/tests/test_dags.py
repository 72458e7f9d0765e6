"""Every DAG file imports with no errors, does no database or network work at parse time, and has the
task graph we expect."""

from __future__ import annotations

import datetime as dt
import os
import subprocess
import sys
import textwrap

import pytest
from airflow.dag_processing.dagbag import DagBag
from airflow.sdk import TriggerRule
from airflow.serialization.encoders import coerce_to_core_timetable
from airflow.timetables.trigger import CronTriggerTimetable

from conftest import DAGS
from lakehouse_dags.jobs import LakehouseJobOperator, artifact, extra_jars, is_local_master
from lakehouse_dags.markets import FEEDS, MarketFeed

INGEST_TASKS = ["ingest", "curate", "check", "publish"]


@pytest.fixture(scope="module")
def dagbag() -> DagBag:
    return DagBag(dag_folder=str(DAGS))


def test_every_dag_file_imports(dagbag):
    assert dagbag.import_errors == {}
    assert set(dagbag.dag_ids) == {feed.dag_id for feed in FEEDS} | {"nightly_maintenance", "forward_curves"}


def test_parsing_needs_no_database_and_no_network(tmp_path):
    # A fresh interpreter whose metadata database cannot exist and whose sockets refuse to connect.
    script = textwrap.dedent(f"""
        import socket, sys
        def refuse(*args, **kwargs):
            raise RuntimeError(f"network access at parse time: {{args}}")
        socket.socket.connect = refuse
        socket.create_connection = refuse
        sys.path.insert(0, {str(DAGS)!r})
        from airflow.dag_processing.dagbag import DagBag
        bag = DagBag(dag_folder={str(DAGS)!r})
        assert not bag.import_errors, bag.import_errors
        print(sorted(bag.dag_ids))
    """)
    # A SQLite file in a folder that does not exist (deployments use PostgreSQL): any database access fails, and
    # the folder staying absent shows none was attempted.
    env = {**os.environ, "AIRFLOW_HOME": str(tmp_path), "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{tmp_path}/no/such/dir/airflow.db"}
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "ingest_caiso" in result.stdout
    assert not (tmp_path / "no").exists()


PRICE_FEEDS = tuple(feed for feed in FEEDS if feed.publishes)
REFERENCE_FEEDS = tuple(feed for feed in FEEDS if not feed.publishes)


@pytest.mark.parametrize("feed", REFERENCE_FEEDS, ids=lambda feed: feed.dag_id)
def test_reference_feeds_land_and_curate_only(dagbag, feed: MarketFeed):
    """Rates and auction results feed no published hub dataset: their DAG is ingest -> curate, with no gate to pass."""
    dag = dagbag.dags[feed.dag_id]
    assert sorted(task.task_id for task in dag.tasks) == ["curate", "ingest"]
    assert dag.get_task("ingest").downstream_task_ids == {"curate"}
    assert dag.get_task("curate").application_args[:3] == ["curate", "--market", feed.market]
    assert coerce_to_core_timetable(dag.timetable)._expression == feed.cron


@pytest.mark.parametrize("feed", PRICE_FEEDS, ids=lambda feed: feed.dag_id)
def test_ingest_dag_graph(dagbag, feed: MarketFeed):
    dag = dagbag.dags[feed.dag_id]
    assert sorted(task.task_id for task in dag.tasks) == sorted(INGEST_TASKS)
    for upstream, downstream in zip(INGEST_TASKS, INGEST_TASKS[1:]):
        assert dag.get_task(upstream).downstream_task_ids == {downstream}
    assert dag.get_task("publish").downstream_task_ids == set()
    for task in dag.tasks:
        assert isinstance(task, LakehouseJobOperator)
        # Writers take the one writer slot; check only reads a committed snapshot and runs beside them.
        assert task.pool == ("default_pool" if task.task_id == "check" else "lakehouse_writers")
        assert task.application_args[0] == task.task_id
        assert task.application_args[1:3] == ["--market", feed.market]
    timetable = coerce_to_core_timetable(dag.timetable)  # what the scheduler gets
    assert isinstance(timetable, CronTriggerTimetable)
    assert timetable._expression == feed.cron
    assert str(timetable._timezone.name) == feed.timezone
    assert dag.max_active_runs == 1
    assert dag.catchup is False
    assert dag.get_task("check").retries == 0
    assert dag.get_task("ingest").retries >= 1


@pytest.mark.parametrize("feed", PRICE_FEEDS, ids=lambda feed: feed.dag_id)
def test_publish_runs_only_after_check_succeeded(dagbag, feed: MarketFeed):
    """check is the gate: publish's only upstream task, with the rule that it runs only when every upstream task
    succeeded, so a failed (or upstream-failed) check leaves publish upstream_failed. check fails for good (no retry):
    rerunning it cannot add the missing hours. test_end_to_end.py runs the DAG to show it."""
    dag = dagbag.dags[feed.dag_id]
    check, publish = dag.get_task("check"), dag.get_task("publish")
    assert publish.upstream_task_ids == {"check"}
    assert publish.trigger_rule == TriggerRule.ALL_SUCCESS
    assert check.upstream_task_ids == {"curate"}
    assert check.trigger_rule == TriggerRule.ALL_SUCCESS
    assert check.retries == 0
    assert check.application_args[:5] == ["check", "--market", feed.market, "--run-date", dag.get_task("curate").application_args[4]]
    assert [argument for argument in check.application_args[5:] if argument != "--dataset"] == list(feed.datasets)
    # publish is downstream of every other task: nothing can reach it around the check.
    assert dag.get_task("ingest").get_flat_relative_ids(upstream=False) == {"curate", "check", "publish"}


def test_ingest_caiso_runs_at_publication_time_for_tomorrow(dagbag):
    dag = dagbag.dags["ingest_caiso"]
    assert coerce_to_core_timetable(dag.timetable)._expression == "0 14 * * *"
    ingest = dag.get_task("ingest")
    assert "--report" in ingest.application_args and "prc_lmp" in ingest.application_args
    assert "check" == dag.get_task("check").application_args[0]
    assert dag.get_task("check").application_args[-2:] == ["--dataset", "da_hourly"]


def test_maintenance_dag(dagbag):
    dag = dagbag.dags["nightly_maintenance"]
    assert [task.task_id for task in dag.tasks] == ["maintain"]
    args = dag.get_task("maintain").application_args
    assert args[0] == "maintain"
    assert "--snapshot-max-age" in args and "--orphan-min-age" in args


def test_forward_curves_dag_builds_the_new_york_trade_date(dagbag):
    dag = dagbag.dags["forward_curves"]
    args = dag.get_task("build_curves").application_args
    assert args[:3] == ["curves", "build", "--as-of"]
    template = dag.get_template_env().from_string(args[3])
    scheduled = dt.datetime(2024, 6, 14, 23, 30, tzinfo=dt.timezone.utc)  # 19:30 EDT on Friday the 14th
    assert template.render(logical_date=scheduled, dag_run=None, params={"trade_date": None}) == "2024-06-14"
    assert template.render(logical_date=scheduled, dag_run=None, params={"trade_date": "2024-06-13"}) == "2024-06-13"


def test_day_template_renders_the_operating_day(dagbag):
    dag = dagbag.dags["ingest_caiso"]
    env = dag.get_template_env()
    template = env.from_string(dag.get_task("curate").application_args[4])
    scheduled = dt.datetime(2024, 3, 9, 22, 0, tzinfo=dt.timezone.utc)  # 14:00 PST on the 9th
    assert template.render(logical_date=scheduled, dag_run=None, params={"operating_day": None}) == "2024-03-10"
    assert template.render(logical_date=scheduled, dag_run=None, params={"operating_day": "2024-01-15"}) == "2024-01-15"


def test_feeds_reject_run_times_in_the_dst_change_hours():
    with pytest.raises(ValueError, match="clocks change"):
        MarketFeed(dag_id="ingest_x", market="x", timezone="America/Chicago", publish_time=dt.time(2, 30), day_offset=-1,
                   reports=("r",), datasets=("d",), description="x")
    with pytest.raises(ValueError, match="lower-case"):
        MarketFeed(dag_id="ingest_x", market="ERCOT", timezone="America/Chicago", publish_time=dt.time(12, 0), day_offset=1,
                   reports=("r",), datasets=("d",), description="x")


def test_extra_jars_leave_out_what_spark_ships(tmp_path):
    libraries, spark_jars = tmp_path / "lib", tmp_path / "jars"
    libraries.mkdir()
    spark_jars.mkdir()
    for name in ["jackson-databind-2.20.0.jar", "iceberg-spark-runtime-4.0_2.13-1.12.0.jar", "spark-sql_2.13-4.1.0.jar", "picocli-4.7.7.jar"]:
        (libraries / name).touch()
    for name in ["jackson-databind-2.18.2.jar", "spark-sql_2.13-4.1.0.jar"]:
        (spark_jars / name).touch()
    assert [os.path.basename(jar) for jar in extra_jars(libraries, spark_jars)] == ["iceberg-spark-runtime-4.0_2.13-1.12.0.jar", "picocli-4.7.7.jar"]
    assert artifact("spark-sql_2.13-4.1.0.jar") == "spark-sql_2.13"
    assert artifact("hadoop-client-api-3.4.2.jar") == "hadoop-client-api"


def test_jvm_flags_come_from_the_file_the_launcher_reads():
    from conftest import REPO
    from lakehouse_dags.jobs import jvm_flags

    flags = jvm_flags(REPO).split(" ")
    assert "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED" in flags
    assert all(flag.startswith("-") for flag in flags)


def test_local_masters_put_the_libraries_on_the_driver_class_path():
    """Only a master that runs Spark in the submitting JVM (whose in-process executor would copy every --jars entry) does."""
    assert [is_local_master(master) for master in ("local", "local[2]", " local[*]", "spark://127.0.0.1:7077", "yarn")] == [True, True, True, False, False]
