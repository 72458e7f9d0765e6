"""The check task gates publishing: a DAG run whose check fails leaves publish upstream_failed.

Runs the real DAG with Airflow's own ``dag.test()`` in a fresh interpreter with a SQLite metadata database of its
own (``airflow db migrate`` first, about a minute on two cores, hence in the slow suite). ``ingest`` and ``curate``
are marked successful without running (``mark_success_pattern``); ``check`` runs and fails (its Spark installation
is an empty folder, so it fails before any job starts, as a check of a day missing an hour fails with exit 2).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap

import pytest

from conftest import DAGS, REPO

pytestmark = pytest.mark.end_to_end


@pytest.mark.parametrize("dag_id", ["ingest_caiso"])  # the feeds share one graph (test_dags.py checks each)
def test_publish_does_not_run_when_check_fails(tmp_path, dag_id):
    env = {**os.environ, "AIRFLOW_HOME": str(tmp_path / "home"), "AIRFLOW__DATABASE__SQL_ALCHEMY_CONN": f"sqlite:///{tmp_path}/airflow.db",
           "AIRFLOW__CORE__LOAD_EXAMPLES": "False", "AIRFLOW__CORE__DAGS_FOLDER": str(DAGS), "LAKEHOUSE_ROOT": str(REPO),
           "SPARK_HOME": str(tmp_path / "no-spark")}
    (tmp_path / "home").mkdir()
    airflow = os.path.join(os.path.dirname(sys.executable), "airflow")
    migrated = subprocess.run([airflow, "db", "migrate"], env=env, capture_output=True, text=True, timeout=600)
    assert migrated.returncode == 0, migrated.stderr[-3000:]
    script = textwrap.dedent(f"""
        import datetime as dt, json, sys
        sys.path.insert(0, {str(DAGS)!r})
        from airflow.dag_processing.dagbag import DagBag
        dag = DagBag(dag_folder={str(DAGS)!r}).dags[{dag_id!r}]
        run = dag.test(logical_date=dt.datetime(2024, 3, 9, 22, tzinfo=dt.timezone.utc), mark_success_pattern="^(ingest|curate)$")
        print("STATES " + json.dumps({{ti.task_id: str(ti.state) for ti in run.get_task_instances()}}))
    """)
    result = subprocess.run([sys.executable, "-c", script], env=env, capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    states = json.loads(next(line for line in result.stdout.splitlines() if line.startswith("STATES "))[len("STATES "):])
    assert states == {"ingest": "success", "curate": "success", "check": "failed", "publish": "upstream_failed"}
