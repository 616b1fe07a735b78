"""Concurrent imports: two processes importing one supplier file, two imports of one list."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select

import workbench.cases  # noqa: F401  (installs the audit hooks)
from workbench.data.models import Supplier
from workbench.data.store import open_store, serialise
from workbench.lists import import_list

LIST_NAME = "Team watchlist"


def _supplier_file(path: Path, count: int) -> Path:
    lines = ["name,country,product"]
    lines += [f"Concurrent Trading {i:05d} Co,CN,cotton yarn" for i in range(count)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_two_processes_importing_one_file_give_one_set_of_suppliers(any_url: str, tmp_path: Path) -> None:
    open_store(any_url, load_builtin=False).dispose()  # migrated once, as a team's store is
    path = _supplier_file(tmp_path / "suppliers.csv", 2000)
    env = {**os.environ, "WORKBENCH_DB_URL": any_url}
    cmd = [sys.executable, "-m", "workbench", "suppliers", "import", str(path), "--format", "json"]
    procs = [subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)]
    procs.append(subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    outputs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], [err for _out, err in outputs]
    created = sorted(json.loads(out)["suppliers_created"] for out, _err in outputs)
    assert created == [0, 2000]
    store = open_store(any_url, load_builtin=False)
    try:
        with store.session() as s:
            assert s.scalar(select(func.count()).select_from(Supplier)) == 2000
            assert s.scalar(select(func.count(func.distinct(Supplier.identity_key)))) == 2000
    finally:
        store.dispose()


def _write_list(path: Path, rows: list[str]) -> Path:
    path.write_text("\n".join(["id,name", *rows]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("existing", [False, True], ids=["new list", "existing list"])
def test_two_imports_of_one_list_take_turns(any_url: str, tmp_path: Path, existing: bool) -> None:
    store = open_store(any_url, load_builtin=False)
    calls: list[set[str]] = []

    def rescreen(_session: object, keys: Callable[[], set[str]]) -> int:
        calls.append(keys())
        return len(calls[-1])

    try:
        if existing:
            old = _write_list(tmp_path / "old.csv", ["a,Alpha Cotton", "b,Beta Yarn", "c,Gamma Polysilicon"])
            with store.session() as session:
                import_list(session, old, "watchlist-csv", name=LIST_NAME, rescreen=rescreen)
            calls.clear()
        new = _write_list(tmp_path / "new.csv", ["a,Alpha Cotton", "b,Beta Yarn Co", "d,Delta Silicon"])
        done: list[object] = []

        def run() -> None:
            try:
                with store.session() as session:
                    done.append(import_list(session, new, "watchlist-csv", name=LIST_NAME, rescreen=rescreen))
            except Exception as exc:  # reported by the assertion below
                done.append(exc)

        # Hold the list's import lock while both imports start, so both are certainly waiting.
        with store.session() as holder:
            holder.begin()
            serialise(holder, f"list import:{LIST_NAME}")
            threads = [threading.Thread(target=run) for _ in range(2)]
            for t in threads:
                t.start()
            time.sleep(0.5)
            assert done == []
            holder.commit()
        for t in threads:
            t.join(timeout=120)
        first, second = done
        assert not isinstance(first, Exception) and not isinstance(second, Exception), done
        expected = (1, 1, 1) if existing else (3, 0, 0)
        assert (first.added, first.removed, first.changed) == expected
        assert second.previous_snapshot_id == first.snapshot_id
        assert (second.added, second.removed, second.changed) == (0, 0, 0)
        assert calls == [{"b", "c", "d"} if existing else {"a", "b", "d"}]  # the re-screen ran once
    finally:
        store.dispose()
