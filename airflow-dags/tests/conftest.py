"""Shared fixtures: the DAG folder on sys.path, and (for the end-to-end tests) a real Airflow of our own.

The end-to-end tests start Airflow with deploy/airflow.sh in a state folder of their own
(var/airflow-test, wiped first) on a local lakehouse of their own, replaying SYNTHETIC OASIS files that
`bin/lakehouse samples` writes; they never touch var/airflow or var/lakehouse. Airflow's metadata database is a
PostgreSQL cluster of the test's own in that folder, which `stop` shuts down with the components.
"""

from __future__ import annotations

import csv
import io
import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
DAGS = REPO / "airflow-dags" / "dags"
sys.path.insert(0, str(DAGS))

# The DagBag tests parse the folder with a configuration of their own (no examples, our DAG folder).
os.environ.setdefault("AIRFLOW__CORE__LOAD_EXAMPLES", "False")
os.environ["AIRFLOW__CORE__DAGS_FOLDER"] = str(DAGS)
os.environ.setdefault("AIRFLOW_HOME", str(REPO / "var" / "airflow-unit"))

# Operating days of the replayed archive: a week around the spring-forward day (2024-03-10, 23 hours).
REPLAY_FIRST, REPLAY_LAST = "2024-03-04", "2024-03-11"
NODES = 12


@dataclass(frozen=True)
class Lakehouse:
    """A local lakehouse folder and a way to query it with bin/lakehouse sql (Spark, local profile)."""

    home: Path

    def env(self) -> dict[str, str]:
        return {**os.environ, "LAKEHOUSE_HOME": str(self.home), "LAKEHOUSE_PROFILE": "local", "LAKEHOUSE_SKIP_BUILD": "1",
                "LAKEHOUSE_HEAP": "3g", "LAKEHOUSE_LOG_FILE": str(self.home / "lakehouse.log")}

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        result = subprocess.run([str(REPO / "bin" / "lakehouse"), *args], env=self.env(), capture_output=True, text=True, timeout=1200)
        if check and result.returncode != 0:
            raise AssertionError(f"bin/lakehouse {' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
        return result

    def query(self, *statements: str) -> list[list[dict[str, str]]]:
        """Runs each statement (one bin/lakehouse sql call each) and returns each result as rows of strings."""
        results = []
        for statement in statements:
            out = self.run("sql", "--format", "csv", statement).stdout
            results.append(list(csv.DictReader(io.StringIO(out))))
        return results


@dataclass(frozen=True)
class RunningAirflow:
    directory: Path
    replay: Path
    lakehouse: Lakehouse

    def script(self, *args: str, check: bool = True, timeout: float = 3600) -> subprocess.CompletedProcess:
        env = {**os.environ, "LAKEHOUSE_AIRFLOW_DIR": str(self.directory), "LAKEHOUSE_HOME": str(self.lakehouse.home),
               "LAKEHOUSE_LOG_FILE": str(self.lakehouse.home / "lakehouse.log"), "LAKEHOUSE_SKIP_BUILD": "1",
               # Fast retries: a service blip is retried once, quickly; bad input is never retried.
               "LAKEHOUSE_AIRFLOW_RETRIES": "1", "LAKEHOUSE_AIRFLOW_RETRY_DELAY_SECONDS": "10",
               # The replayed days hold 12 nodes: a submitted driver is done in seconds, before the server compiler
               # and G1's threads would pay back on two cores (bin/lakehouse makes the same choice for its quick commands).
               "LAKEHOUSE_DRIVER_JAVA_OPTIONS": "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"}
        result = subprocess.run([str(REPO / "deploy" / "airflow.sh"), *args], env=env, capture_output=True, text=True, timeout=timeout)
        if check and result.returncode != 0:
            raise AssertionError(f"deploy/airflow.sh {' '.join(args)} exited {result.returncode}:\n{result.stdout}\n{result.stderr}")
        return result


@pytest.fixture(scope="session")
def airflow() -> RunningAirflow:
    """A running Airflow (api-server, scheduler, dag-processor) replaying a week of CAISO files."""
    state = REPO / "var" / "airflow-test"
    lakehouse = Lakehouse(state / "lakehouse")
    replay = state / "replay"
    running = RunningAirflow(state / "airflow", replay, lakehouse)
    if (running.directory / "run").is_dir():
        running.script("stop", check=False)  # what an interrupted run left running, before its folder goes
    shutil.rmtree(state, ignore_errors=True)
    state.mkdir(parents=True)
    lakehouse.run("samples", "--market", "caiso", "--dates", f"{REPLAY_FIRST}..{REPLAY_LAST}", "--nodes", str(NODES),
                  "--out", str(replay / "caiso"))
    try:
        print(running.script("start", "--replay-dir", str(replay)).stdout)
        yield running
    finally:
        # Also after a failed start: the metadata PostgreSQL may be up without the components.
        print(running.script("stop", check=False).stdout)
