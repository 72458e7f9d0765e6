"""Trigger a lakehouse DAG run through Airflow's REST API (v2) and follow it to the end.

    bin/lakehouse airflow trigger ingest_caiso --date 2024-03-10 --wait
    bin/lakehouse airflow trigger ingest_caiso --date 2024-03-10 --wait --rerun   (clear and run the day again)

``--date`` is the operating day for an ingest DAG: the run gets the logical date a scheduled run for that day
has (publication time on D-1 for day-ahead, see dags/lakehouse_dags/operating_day.py), so manual and
scheduled runs of one day are the same run. For other DAGs it is the day of the logical date (its cron time).

Authentication: a JWT from the api-server's ``/auth/token`` endpoint (user and password from the
environment ``bin/lakehouse airflow`` sets, or --user and $AIRFLOW_PASSWORD). Exit code 0 when the run
succeeds, 1 when it fails (the failed tasks' error lines are printed), 2 for a wrong argument.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import airflow_client.client as airflow_client
from airflow_client.client.api.dag_api import DAGApi
from airflow_client.client.api.dag_run_api import DagRunApi
from airflow_client.client.api.task_instance_api import TaskInstanceApi
from airflow_client.client.exceptions import ApiException
from airflow_client.client.models.dag_patch_body import DAGPatchBody
from airflow_client.client.models.dag_run_clear_body import DAGRunClearBody
from airflow_client.client.models.trigger_dag_run_post_body import TriggerDAGRunPostBody

sys.path.insert(0, str(Path(__file__).resolve().parent / "dags"))
from lakehouse_dags.markets import FEEDS  # noqa: E402
from lakehouse_dags.operating_day import logical_date_for  # noqa: E402

FINISHED = {"success", "failed"}


def fail(message: str, code: int = 2) -> None:
    print(f"error: {message}", file=sys.stderr)
    sys.exit(code)


def token(base_url: str, user: str, password: str) -> str:
    request = urllib.request.Request(f"{base_url}/auth/token", data=json.dumps({"username": user, "password": password}).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return json.load(response)["access_token"]
    except urllib.error.HTTPError as e:
        fail(f"Cannot log in to Airflow at {base_url} as {user}: HTTP {e.code} {e.read().decode(errors='replace')[:200]}")
    except (urllib.error.URLError, OSError) as e:
        fail(f"Cannot reach Airflow at {base_url}: {e}; start it with 'bin/lakehouse airflow start'", 3)
    raise AssertionError("unreachable")


def admin_password() -> str:
    if os.environ.get("AIRFLOW_PASSWORD"):
        return os.environ["AIRFLOW_PASSWORD"]
    passwords = os.environ.get("AIRFLOW__CORE__SIMPLE_AUTH_MANAGER_PASSWORDS_FILE")
    if not passwords or not Path(passwords).is_file():
        fail("Cannot log in to Airflow: set AIRFLOW_PASSWORD or run through 'bin/lakehouse airflow trigger'")
    return json.loads(Path(passwords).read_text())["admin"]


def logical_date(dag_id: str, day: dt.date) -> dt.datetime:
    for feed in FEEDS:
        if feed.dag_id == dag_id:
            return logical_date_for(day, feed.timezone, feed.day_offset, feed.publish_time)
    return dt.datetime.combine(day, dt.time(0, 0), tzinfo=dt.timezone.utc)


def wait_for_dag(dags: DAGApi, dag_id: str, seconds: float) -> None:
    deadline = time.monotonic() + seconds
    while True:
        try:
            dags.get_dag(dag_id)
            return
        except ApiException as e:
            if e.status != 404 or time.monotonic() > deadline:
                fail(f"Cannot find DAG {dag_id} in Airflow: HTTP {e.status}; is it in airflow-dags/dags and free of import errors? "
                     "(bin/lakehouse airflow cli dags list-import-errors)")
        time.sleep(2)


def log_lines(tasks: TaskInstanceApi, dag_id: str, run_id: str, task_id: str, try_number: int) -> list[str]:
    try:
        content = tasks.get_log(dag_id, run_id, task_id, try_number, full_content=True).content
    except ApiException as e:
        return [f"(log not available: HTTP {e.status})"]
    content = getattr(content, "actual_instance", content)
    if isinstance(content, str):
        return content.splitlines()
    lines = []
    for entry in content or []:
        entry = getattr(entry, "actual_instance", entry)
        event = getattr(entry, "event", entry)
        lines.extend(str(event).splitlines())
    return lines


def follow(runs: DagRunApi, tasks: TaskInstanceApi, dag_id: str, run_id: str, poll_seconds: float, timeout_seconds: float) -> str:
    states: dict[str, str] = {}
    started = time.monotonic()
    while True:
        for instance in tasks.get_task_instances(dag_id, run_id).task_instances:
            state = instance.state.value if instance.state is not None else "none"
            if states.get(instance.task_id) != state:
                states[instance.task_id] = state
                print(f"  {time.monotonic() - started:7.1f} s  {instance.task_id:<14} {state}", flush=True)
        run = runs.get_dag_run(dag_id, run_id)
        state = run.state.value
        if state in FINISHED:
            return state
        if time.monotonic() - started > timeout_seconds:
            fail(f"Cannot follow run {run_id} of {dag_id}: still {state} after {timeout_seconds:.0f} s", 1)
        time.sleep(poll_seconds)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="bin/lakehouse airflow trigger", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("dag_id")
    parser.add_argument("--date", required=True, type=dt.date.fromisoformat, help="operating day, e.g. 2024-03-10")
    parser.add_argument("--wait", action="store_true", help="follow the run to its end, printing each task's state")
    parser.add_argument("--rerun", action="store_true", help="if the day's run exists, clear it so it runs again")
    parser.add_argument("--timeout", type=float, default=3600, help="seconds to follow the run (default 3600)")
    parser.add_argument("--user", default="admin")
    parser.add_argument("--url", default=os.environ.get("AIRFLOW__API__BASE_URL", f"http://127.0.0.1:{os.environ.get('LAKEHOUSE_AIRFLOW_PORT', '8280')}"))
    args = parser.parse_args(argv)

    configuration = airflow_client.Configuration(host=args.url, access_token=token(args.url, args.user, admin_password()))
    with airflow_client.ApiClient(configuration) as client:
        dags, runs, tasks = DAGApi(client), DagRunApi(client), TaskInstanceApi(client)
        wait_for_dag(dags, args.dag_id, 120)
        if dags.get_dag(args.dag_id).is_paused:
            dags.patch_dag(args.dag_id, DAGPatchBody(is_paused=False))
            print(f"Unpaused {args.dag_id}: its schedule runs from now on")
        when = logical_date(args.dag_id, args.date)
        run_id = f"manual__{args.date.isoformat()}__{when.strftime('%Y%m%dT%H%M%SZ')}"
        try:
            run = runs.trigger_dag_run(args.dag_id, TriggerDAGRunPostBody(dag_run_id=run_id, logical_date=when, conf={},
                                                                          note=f"bin/lakehouse airflow trigger --date {args.date}"))
            print(f"Triggered {args.dag_id} run {run.dag_run_id} for {args.date} (logical date {when.isoformat()})")
        except ApiException as e:
            if e.status != 409:
                fail(f"Cannot trigger {args.dag_id} for {args.date}: HTTP {e.status} {e.body}")
            existing = runs.get_dag_runs(args.dag_id, logical_date_gte=when, logical_date_lte=when).dag_runs
            if not existing:
                fail(f"Cannot trigger {args.dag_id} for {args.date}: run id {run_id} is taken")
            run_id = existing[0].dag_run_id
            if not args.rerun:
                fail(f"Cannot trigger {args.dag_id} for {args.date}: run {run_id} exists for logical date {when.isoformat()} "
                     f"({existing[0].state.value}); add --rerun to clear it and run the day again")
            runs.clear_dag_run(args.dag_id, run_id, DAGRunClearBody(dry_run=False, only_failed=False))
            print(f"Cleared run {run_id} of {args.dag_id} for {args.date}: it runs again")
        if not args.wait:
            return 0
        started = time.monotonic()
        state = follow(runs, tasks, args.dag_id, run_id, 3.0, args.timeout)
        print(f"Run {run_id}: {state} in {time.monotonic() - started:.1f} s")
        if state != "success":
            for instance in tasks.get_task_instances(args.dag_id, run_id).task_instances:
                if instance.state is not None and instance.state.value == "failed":
                    lines = log_lines(tasks, args.dag_id, run_id, instance.task_id, max(instance.try_number, 1))
                    # The CLI's own one-line error, else whatever says why.
                    errors = [line for line in lines if line.startswith("error:")] or [line for line in lines if "Cannot " in line]
                    print(f"  {instance.task_id} failed: " + (errors[-1] if errors else "see its log in the Airflow UI"))
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
