"""The local store: an embedded DuckDB database in the user's data directory.

The store holds datasets the user imports (and, later, model runs). Component:
DuckDB, embedded — no server to start; the file is ``<data_home>/store.duckdb``
(see :func:`revitalize.options.data_home`).

Writes are all-or-nothing. An import copies the database file, writes into the copy in
one transaction, checkpoints it and atomically renames it over the original; on any
error the copy is removed, so the store stays byte-for-byte what it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from revitalize.exceptions import InputError, StoreError
from revitalize.options import data_home

__all__ = [
    "delete_dataset",
    "has_dataset",
    "list_datasets",
    "list_runs",
    "read_dataset",
    "read_run",
    "store_path",
    "write_dataset",
    "write_run",
]

_SCHEMA = """
CREATE TABLE IF NOT EXISTS datasets (
    dataset VARCHAR PRIMARY KEY,
    title VARCHAR,
    source_file VARCHAR,
    rows BIGINT,
    imported_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS observations (
    dataset VARCHAR NOT NULL,
    region VARCHAR NOT NULL,
    indicator VARCHAR NOT NULL,
    period VARCHAR NOT NULL,
    value DOUBLE,
    unit VARCHAR NOT NULL,
    source VARCHAR,
    vintage VARCHAR NOT NULL,
    PRIMARY KEY (dataset, region, indicator, period, vintage)
);
"""

_RUNS_SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
    run VARCHAR PRIMARY KEY,
    kind VARCHAR NOT NULL,
    params VARCHAR,
    created_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS run_values (
    run VARCHAR NOT NULL,
    region VARCHAR,
    indicator VARCHAR NOT NULL,
    carrier VARCHAR,
    period VARCHAR,
    value DOUBLE,
    unit VARCHAR
);
"""

_COLS = ["region", "indicator", "period", "value", "unit", "source", "vintage"]
_RUN_COLS = ["region", "indicator", "carrier", "period", "value", "unit"]


def store_path() -> Path:
    """Path of the DuckDB file."""
    return data_home() / "store.duckdb"


@contextmanager
def _read() -> Iterator[Any]:
    import duckdb

    path = store_path()
    if not path.exists():
        con = duckdb.connect(":memory:")
        con.execute(_SCHEMA)
    else:
        try:
            con = duckdb.connect(str(path), read_only=True)
        except duckdb.Error as exc:  # pragma: no cover - depends on a corrupt file
            raise StoreError(f"Cannot open the store {path}: {exc}") from exc
    try:
        yield con
    finally:
        con.close()


def list_datasets() -> pd.DataFrame:
    """Datasets in the store: name, title, source file, rows, import time."""
    with _read() as con:
        df: pd.DataFrame = con.execute(
            "SELECT dataset, title, source_file, rows, imported_at FROM datasets ORDER BY dataset"
        ).df()
    return df


def has_dataset(name: str) -> bool:
    """Whether the store holds a dataset called ``name``."""
    if not store_path().exists():
        return False
    with _read() as con:
        return bool(
            con.execute("SELECT count(*) FROM datasets WHERE dataset = ?", [name]).fetchone()[0]
        )


def read_dataset(name: str) -> pd.DataFrame:
    """The observations of one stored dataset as a tidy frame."""
    with _read() as con:
        df: pd.DataFrame = con.execute(
            f"SELECT {', '.join(_COLS)} FROM observations WHERE dataset = ? "
            "ORDER BY indicator, region, period",
            [name],
        ).df()
    for c in ("region", "indicator", "period", "unit", "source", "vintage"):
        df[c] = df[c].astype(str)
    return df


@contextmanager
def _transaction() -> Iterator[Any]:
    """Open a copy of the store, yield a connection inside BEGIN, swap it in on success."""
    import duckdb

    path = store_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp_name = tempfile.mkstemp(prefix=".store-", suffix=".duckdb", dir=path.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    tmp.unlink()
    try:
        if path.exists():
            shutil.copy2(path, tmp)
        con = duckdb.connect(str(tmp))
        try:
            con.execute(_SCHEMA)
            con.execute(_RUNS_SCHEMA)
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
            except BaseException:
                con.execute("ROLLBACK")
                raise
            con.execute("COMMIT")
            con.execute("CHECKPOINT")
        finally:
            con.close()
        os.replace(tmp, path)
    except duckdb.Error as exc:
        raise StoreError(f"Writing the store {path} failed: {exc}") from exc
    finally:
        for p in (tmp, Path(str(tmp) + ".wal")):
            if p.exists():
                p.unlink()


def _swap(
    values_table: str,
    meta_table: str,
    key: str,
    name: str,
    df: pd.DataFrame,
    meta_row: list[object],
) -> None:
    """Replace the rows of ``name`` in a values table and its metadata table, in one
    transaction (``df`` has the values table's columns in order)."""
    with _transaction() as con:
        con.execute(f"DELETE FROM {values_table} WHERE {key} = ?", [name])
        con.execute(f"DELETE FROM {meta_table} WHERE {key} = ?", [name])
        con.register("incoming", df)
        con.execute(f"INSERT INTO {values_table} SELECT * FROM incoming")
        placeholders = ", ".join("?" for _ in meta_row)
        con.execute(f"INSERT INTO {meta_table} VALUES ({placeholders})", meta_row)
        con.unregister("incoming")


def write_dataset(
    name: str,
    frame: pd.DataFrame,
    *,
    title: str = "",
    source_file: str = "",
    replace: bool = False,
) -> int:
    """Write a validated tidy frame as dataset ``name`` in one transaction.

    Raises
    ------
    InputError
        If the dataset exists and ``replace`` is false.
    """
    if not name or not name.replace("_", "").replace("-", "").isalnum():
        raise InputError(f"Invalid dataset name {name!r}.", "Use letters, digits, - and _.")
    from revitalize.data.catalogue import catalogue

    if name in catalogue():
        raise InputError(
            f"Dataset name {name!r} is taken by a bundled dataset.", "Choose another --dataset."
        )
    if has_dataset(name) and not replace:
        raise InputError(
            f"The store already holds a dataset {name!r}.",
            "Pass --replace to overwrite it, or choose another --dataset name.",
        )
    df = frame[_COLS].copy()
    df.insert(0, "dataset", name)
    now = datetime.now(UTC).replace(tzinfo=None)
    _swap(
        "observations",
        "datasets",
        "dataset",
        name,
        df,
        [name, title or name, source_file, len(df), now],
    )
    return len(df)


def delete_dataset(name: str) -> None:
    """Remove a stored dataset (all-or-nothing)."""
    if not has_dataset(name):
        raise InputError(f"The store holds no dataset {name!r}.", "See `revitalize data list`.")
    with _transaction() as con:
        con.execute("DELETE FROM observations WHERE dataset = ?", [name])
        con.execute("DELETE FROM datasets WHERE dataset = ?", [name])


def write_run(
    name: str, kind: str, params: dict[str, object], values: pd.DataFrame, *, replace: bool = False
) -> int:
    """Store a model run (e.g. an energy plan) as labelled values, in one transaction.

    ``values`` has the columns region, indicator, carrier, period, value, unit (missing
    ones are left empty). Raises InputError if the run exists and ``replace`` is false.
    """
    import json

    if not name or not name.replace("_", "").replace("-", "").isalnum():
        raise InputError(f"Invalid run name {name!r}.", "Use letters, digits, - and _.")
    if name in list_runs()["run"].tolist() and not replace:
        raise InputError(
            f"The store already holds a run {name!r}.",
            "Pass --replace to overwrite it, or choose another name.",
        )
    df = values.reindex(columns=_RUN_COLS).copy()
    df.insert(0, "run", name)
    now = datetime.now(UTC).replace(tzinfo=None)
    _swap("run_values", "runs", "run", name, df, [name, kind, json.dumps(params, default=str), now])
    return len(df)


def list_runs() -> pd.DataFrame:
    """Stored model runs: run, kind, params (JSON), created_at."""
    if not store_path().exists():
        return pd.DataFrame(columns=["run", "kind", "params", "created_at"])
    with _read() as con:
        tables = {r[0] for r in con.execute("SHOW TABLES").fetchall()}
        if "runs" not in tables:
            return pd.DataFrame(columns=["run", "kind", "params", "created_at"])
        df: pd.DataFrame = con.execute(
            "SELECT run, kind, params, created_at FROM runs ORDER BY created_at"
        ).df()
    return df


def read_run(name: str) -> pd.DataFrame:
    """The values of a stored run."""
    if name not in list_runs()["run"].tolist():
        raise InputError(f"The store holds no run {name!r}.", "See `revitalize data runs`.")
    with _read() as con:
        df: pd.DataFrame = con.execute(
            f"SELECT {', '.join(_RUN_COLS)} FROM run_values WHERE run = ?", [name]
        ).df()
    return df
