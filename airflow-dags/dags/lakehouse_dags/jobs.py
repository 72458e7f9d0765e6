"""Tasks that run one lakehouse job: ``spark-submit`` of the CLI jar with a subcommand and its arguments.

Settings come from the environment the Airflow services were started with (``bin/lakehouse airflow start``
writes it) and from the Airflow connection ``lakehouse_spark`` (its host is the Spark master: ``local[2]``
or ``spark://127.0.0.1:7077``). Nothing here touches the metadata database or the network at parse time;
the jar list is read from disk only when a task runs.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import Any

from airflow.providers.apache.spark.operators.spark_submit import SparkSubmitOperator
from airflow.sdk import Connection
from airflow.sdk.exceptions import AirflowFailException

MAIN_CLASS = "io.energylakehouse.cli.LakehouseCli"
SPARK_CONNECTION = "lakehouse_spark"
# Every job that writes the lakehouse takes a slot of this pool (deploy/airflow.sh creates it with one slot): a
# backfill runs several DAG runs at once, and publish rebuilds a market's datasets whole, so writers go one at a time
# rather than retrying their Iceberg commits against each other.
WRITER_POOL = "lakehouse_writers"
# Jobs that only read (check) run outside it, beside another run's writer: they read a committed snapshot.
READER_POOL = "default_pool"
# The CLI's exit codes (common/.../ErrorCode.java): 2 = bad input or arguments, 3 = a service failed.
EXIT_BAD_INPUT = 2


_VERSIONED_JAR = re.compile(r"(.+?)-\d[^-]*(-[A-Za-z0-9_.]+)*\.jar")


def jvm_flags(root: Path) -> str:
    """The JVM flags Spark needs on Java 17, from conf/spark-jvm-flags (as bin/lakehouse reads them)."""
    lines = (root / "conf" / "spark-jvm-flags").read_text().splitlines()
    return " ".join(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def project_root() -> Path:
    configured = os.environ.get("LAKEHOUSE_ROOT")
    return Path(configured) if configured else Path(__file__).resolve().parents[3]


def replay_dir(market: str) -> Path | None:
    """Recorded operator files to replay instead of fetching live: ``$LAKEHOUSE_REPLAY_DIR/<market>``."""
    root = os.environ.get("LAKEHOUSE_REPLAY_DIR")
    return Path(root) / market if root else None


def artifact(file_name: str) -> str:
    """``jackson-databind-2.20.0.jar`` -> ``jackson-databind`` (as SparkSubmitter.artifact does in Java)."""
    match = _VERSIONED_JAR.fullmatch(file_name)
    return match.group(1) if match else file_name


def extra_jars(libraries: Path, spark_jars: Path) -> list[str]:
    """The CLI's dependencies minus the artifacts the Spark installation already ships (any version)."""
    if not libraries.is_dir():
        raise AirflowFailException(f"Cannot submit a lakehouse job: no libraries at {libraries}; build with 'mvn -B install -DskipTests'")
    if not spark_jars.is_dir():
        raise AirflowFailException(f"Cannot submit a lakehouse job: no Spark jars at {spark_jars}; set SPARK_HOME to the pyspark package")
    provided = {artifact(jar.name) for jar in spark_jars.glob("*.jar")}
    return sorted(str(jar) for jar in libraries.glob("*.jar") if artifact(jar.name) not in provided)


def is_local_master(master: str) -> bool:
    """``local``, ``local[2]``, ``local[*]``: Spark runs in the submitting JVM, with no executor of its own."""
    return master.strip().startswith("local")


def spark_home() -> Path:
    configured = os.environ.get("SPARK_HOME")
    if not configured:
        raise AirflowFailException("Cannot submit a lakehouse job: SPARK_HOME is not set (start Airflow with 'bin/lakehouse airflow start')")
    return Path(configured)


class LakehouseJobOperator(SparkSubmitOperator):
    """``spark-submit`` of ``bin/lakehouse <command...>`` in client mode.

    A job that exits 2 (bad input or arguments: a corrupt file, an unknown node) fails without retries, since
    running it again cannot help; other failures (a service down, exit 3) are retried as configured.
    """

    ui_color = "#e8f1fb"

    def __init__(self, *, command: list[str], **kwargs: Any) -> None:
        root = project_root()
        super().__init__(
            application=str(root / "cli" / "target" / "lakehouse-cli.jar"),
            java_class=MAIN_CLASS,
            application_args=list(command),
            conn_id=SPARK_CONNECTION,
            name=f"lakehouse-{kwargs.get('task_id', command[0])}",
            deploy_mode="client",
            driver_memory=os.environ.get("LAKEHOUSE_DRIVER_MEMORY", "3g"),
            executor_memory=os.environ.get("LAKEHOUSE_EXECUTOR_MEMORY", "3g"),
            conf={
                "spark.driver.host": "127.0.0.1",
                "spark.driver.bindAddress": "127.0.0.1",
                "spark.ui.enabled": "false",
                "spark.task.maxFailures": "1",
            },
            # The submitted driver runs the command instead of submitting again (LakehouseCli).
            env_vars={"LAKEHOUSE_SUBMITTED": "1", "SPARK_LOCAL_IP": "127.0.0.1"},
            pool=kwargs.pop("pool", WRITER_POOL),
            **kwargs,
        )
        self.lakehouse_command = list(command)

    def execute(self, context: Any) -> Any:
        # Read from disk when the task runs, never when the DAG is parsed.
        root = project_root()
        libraries = extra_jars(root / "cli" / "target" / "lib", spark_home() / "jars")
        if is_local_master(Connection.get(SPARK_CONNECTION).host or ""):
            # The driver is the executor: the libraries go on the driver's class path. Given as --jars, the in-process
            # executor would copy all of them over RPC into a temporary folder before its first task, every job (a
            # few seconds of each task on two cores).
            self.driver_class_path = ":".join(libraries)
            self.jars = None
        else:
            self.jars = ",".join(libraries)
        flags = jvm_flags(root)
        driver_flags = os.environ.get("LAKEHOUSE_DRIVER_JAVA_OPTIONS", "").strip()
        log_file = os.environ.get("LAKEHOUSE_LOG_FILE", str(root / "var" / "log" / "lakehouse.log"))
        self.conf = {
            **(self.conf or {}),
            "spark.driver.extraJavaOptions": f"{flags} -Dlakehouse.project-dir={root} -Dlakehouse.log-file={log_file} "
                                             f"-Dlog4j2.configurationFile={root / 'cli' / 'src' / 'main' / 'resources' / 'log4j2.properties'}"
                                             + (f" {driver_flags}" if driver_flags else ""),
            "spark.executor.extraJavaOptions": flags,
        }
        try:
            return super().execute(context)
        except AirflowFailException:
            raise
        except Exception as failure:
            process = getattr(self._hook, "_submit_sp", None) if self._hook else None
            if process is not None and process.returncode == EXIT_BAD_INPUT:
                raise AirflowFailException(
                    f"Cannot run 'lakehouse {self.lakehouse_command[0]}': it rejected its input or arguments (exit {EXIT_BAD_INPUT}); "
                    "not retrying, see the 'error:' line above") from failure
            raise
