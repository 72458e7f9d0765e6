"""What the benchmarks share: whole-process runs with the kernel's peak RSS, the DuckDB virtualenv, the launcher's
environment, and the data files of an Iceberg table's current snapshot read straight from the local lake's catalog
(SQLite), metadata JSON and Avro manifests, with no JVM. Plain Python 3 (standard library only)."""

import io
import json
import os
import sqlite3
import statistics
import struct
import subprocess
import sys
import tempfile
import time
import zlib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAUNCHER = ROOT / "bin" / "lakehouse"
CACHE = Path(os.environ.get("LAKEHOUSE_CACHE_DIR", Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "energy-lakehouse"))
DUCKDB_VERSION = "2.0.1"


def run(command, env=None, quiet=True, check=True):
    """Runs a command as a whole process; returns (seconds, its peak RSS in MB, its stdout).

    With check=False a failing command returns (seconds, MB, stdout, exit code, stderr) instead of exiting."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, env=env, stdout=out if quiet else None, stderr=err, text=True)
        # wait4 gives this child's own resource usage (bin/lakehouse execs java, so it is the JVM's).
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        if not check:
            return elapsed, usage.ru_maxrss / 1024.0, out.read(), process.returncode, err.read()
        if process.returncode != 0:
            sys.exit(f"error: Cannot run {' '.join(map(str, command))}: exit {process.returncode}\n{err.read()[-3000:]}")
        return elapsed, usage.ru_maxrss / 1024.0, out.read()


def timed(command, runs, env=None, before=None):
    """Median seconds and the largest peak RSS (MB) of --runs whole-process runs."""
    seconds, peaks = [], []
    for _ in range(runs):
        if before:
            before()
        elapsed, rss, _ = run(command, env)
        seconds.append(elapsed)
        peaks.append(rss)
    return statistics.median(seconds), max(peaks)


def lakehouse_env(home, log_file):
    env = dict(os.environ)
    env["LAKEHOUSE_SKIP_BUILD"] = "1"
    env["LAKEHOUSE_HOME"] = str(home)
    env["LAKEHOUSE_LOG_FILE"] = str(log_file)
    return env


def duckdb_python(extra=()):
    """The virtualenv's python with duckdb==DUCKDB_VERSION and the extra PyPI packages asked for, (module, requirement)
    pairs such as ("pyarrow", "pyarrow==26.0.1"), each installed on first use."""
    venv = CACHE / f"bench-duckdb-{DUCKDB_VERSION}"
    python = venv / "bin" / "python"
    if not python.exists():
        print(f"Installing duckdb=={DUCKDB_VERSION} from PyPI into {venv} (once)", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([str(venv / "bin" / "pip"), "install", "-q", f"duckdb=={DUCKDB_VERSION}"], check=True)
    for module, requirement in extra:
        if subprocess.run([str(python), "-c", f"import {module}"], capture_output=True).returncode != 0:
            print(f"Installing {requirement} from PyPI into {venv} (once)", file=sys.stderr)
            subprocess.run([str(venv / "bin" / "pip"), "install", "-q", requirement], check=True)
    return str(python)


# --- Iceberg's current snapshot, without a JVM ---------------------------------------------------------------------

def _long(stream):
    shift, value = 0, 0
    while True:
        byte = stream.read(1)
        if not byte:
            raise EOFError
        b = byte[0]
        value |= (b & 0x7F) << shift
        if not b & 0x80:
            return (value >> 1) ^ -(value & 1)
        shift += 7


def _decode(schema, stream, names):
    """Decodes one Avro datum of a (parsed JSON) schema: enough of the spec for Iceberg's manifests."""
    if isinstance(schema, list):
        return _decode(schema[_long(stream)], stream, names)
    if isinstance(schema, str):
        if schema in names:
            return _decode(names[schema], stream, names)
        if schema == "null":
            return None
        if schema == "boolean":
            return stream.read(1) == b"\x01"
        if schema in ("int", "long"):
            return _long(stream)
        if schema == "float":
            return struct.unpack("<f", stream.read(4))[0]
        if schema == "double":
            return struct.unpack("<d", stream.read(8))[0]
        if schema in ("bytes", "string"):
            data = stream.read(_long(stream))
            return data.decode("utf-8") if schema == "string" else data
        raise ValueError(f"Avro type {schema} not supported")
    kind = schema["type"]
    if kind == "record":
        names[schema["name"]] = schema
        return {field["name"]: _decode(field["type"], stream, names) for field in schema["fields"]}
    if kind in ("array", "map"):
        items = [] if kind == "array" else {}
        while True:
            count = _long(stream)
            if count == 0:
                return items
            if count < 0:
                count = -count
                _long(stream)  # block size in bytes
            for _ in range(count):
                if kind == "array":
                    items.append(_decode(schema["items"], stream, names))
                else:
                    key = _decode("string", stream, names)
                    items[key] = _decode(schema["values"], stream, names)
    if kind == "enum":
        names[schema["name"]] = schema
        return schema["symbols"][_long(stream)]
    if kind == "fixed":
        names[schema["name"]] = schema
        return stream.read(schema["size"])
    return _decode(kind, stream, names)  # {"type": "long", "logicalType": ...}


def read_avro(path):
    """Every record of an Avro object container file (codec null or deflate)."""
    stream = io.BytesIO(Path(path).read_bytes())
    if stream.read(4) != b"Obj\x01":
        raise ValueError(f"{path} is not an Avro container")
    meta = _decode({"type": "map", "values": "bytes"}, stream, {})
    schema = json.loads(meta["avro.schema"])
    codec = meta.get("avro.codec", b"null").decode()
    sync = stream.read(16)
    records = []
    while stream.tell() < len(stream.getbuffer()):
        count = _long(stream)
        block = stream.read(_long(stream))
        if codec == "deflate":
            block = zlib.decompress(block, -15)
        elif codec != "null":
            raise ValueError(f"Avro codec {codec} of {path} not supported")
        data = io.BytesIO(block)
        for _ in range(count):
            records.append(_decode(schema, data, {}))
        if stream.read(16) != sync:
            raise ValueError(f"{path}: bad Avro sync marker")
    return records


def _local(path):
    return path[len("file:"):] if path.startswith("file:") else path


def iceberg_data_files(home, namespace, table, partition=None):
    """Data files (local paths) of the table's current snapshot in the local lake at home: the SQLite catalog's
    metadata location, its current snapshot's manifest list, the live entries of its data manifests. partition: a dict
    of identity partition values a file must have (e.g. {"market": "CAISO"}). Refuses a snapshot with delete files,
    whose rows the data files alone would not give."""
    with sqlite3.connect(Path(home) / "catalog.db") as catalog:
        row = catalog.execute("SELECT metadata_location FROM iceberg_tables WHERE table_namespace = ? AND table_name = ?", (namespace, table)).fetchone()
    if row is None:
        raise ValueError(f"no table {namespace}.{table} in {home}/catalog.db")
    metadata = json.loads(Path(_local(row[0])).read_text())
    current = metadata.get("current-snapshot-id")
    if current is None or current == -1:
        return []
    snapshot = next(s for s in metadata["snapshots"] if s["snapshot-id"] == current)
    files = []
    for manifest in read_avro(_local(snapshot["manifest-list"])):
        for entry in read_avro(_local(manifest["manifest_path"])):
            if entry["status"] == 2:  # DELETED
                continue
            data_file = entry["data_file"]
            if data_file.get("content", 0) != 0 or manifest.get("content", 0) != 0:
                raise ValueError(f"{namespace}.{table} has delete files in its current snapshot: its data files alone are not its rows")
            values = data_file.get("partition") or {}
            if partition and any(str(values.get(k)) != str(v) for k, v in partition.items()):
                continue
            files.append(_local(data_file["file_path"]))
    return files
