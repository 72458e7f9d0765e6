#!/usr/bin/env bash
# The DAG tests, in the pinned Airflow virtualenv (installed on first use by deploy/airflow.sh install).
#   airflow-dags/run-tests.sh unit         DagBag import, task graphs, the operating-day mapping (seconds)
#   airflow-dags/run-tests.sh end-to-end   a real Airflow: dags test, REST-triggered runs, a corrupt input,
#                                          a week's backfill compared with the jobs run by hand (about half an hour)
# mvn -B verify runs both (this module's pom); extra arguments go to pytest.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
suite="${1:?usage: run-tests.sh unit|end-to-end [pytest arguments]}"
shift
case "$suite" in
    unit) selection="not end_to_end" ;;
    end-to-end) selection="end_to_end" ;;
    *) echo "error: Cannot run suite '$suite': use unit or end-to-end" >&2; exit 2 ;;
esac
"$here/../deploy/airflow.sh" install
venv="$("$here/../deploy/airflow.sh" venv)"
mkdir -p "$here/target"
cd "$here"
exec "$venv/bin/python" -m pytest -m "$selection" --junitxml="target/pytest-$suite.xml" "$@"
