"""`workbench hits` and `workbench decide` as scripts use them, on SQLite and PostgreSQL."""

from __future__ import annotations

import json

import pytest

from tests.cases.helpers import BIS_ENTITY_LIST, TAIDA_WRO, ScriptedScreener, entity, hit, recorded_reviewer
from workbench.cases.decisions import decide, set_reviewer_name
from workbench.cases.screening import screen_suppliers
from workbench.cases.suppliers import create_supplier
from workbench.cli import main
from workbench.data.store import open_store

TAIDA = entity("builtin:hetian-taida", "Hetian Taida Apparel Co., Ltd.", TAIDA_WRO)
OTHER = entity("builtin:other-apparel", "Xinjiang Other Apparel Co., Ltd.", BIS_ENTITY_LIST)
SAME = "Same Chinese name and Hotan address as the company the WRO names."
OTHER_CO = "Different company: registered in Guangdong, makes shoes, no Xinjiang address."


@pytest.fixture
def hits(any_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> dict[str, int]:
    """Two suppliers screened (three hits) in the store the CLI opens; returns hit ids by name."""
    monkeypatch.setenv("WORKBENCH_DB_URL", any_url)
    store = open_store(any_url, load_builtin=False)
    screener = ScriptedScreener(
        {
            "Hetian Taida Apparel Co Ltd": [hit(TAIDA, 97.0), hit(OTHER, 84.0)],
            "和田阳光服装": [hit(TAIDA, 88.0)],
        }
    )
    try:
        with store.transaction() as s:
            set_reviewer_name(s, "Dana Reviewer")
            create_supplier(s, {"legal_name": "Hetian Taida Apparel Co Ltd", "country": "CN"})
            create_supplier(s, {"legal_name": "和田阳光服装", "country": "CN"})
            screen_suppliers(s, screener, None, threshold=80)
    finally:
        store.dispose()
    return {f"{h['supplier']['name']}/{h['entity']['name']}": h["id"] for h in _hits(capsys)}


def _json(capsys: pytest.CaptureFixture[str]) -> dict:
    return json.loads(capsys.readouterr().out)


def _me() -> str:
    """The reviewer the store (WORKBENCH_DB_URL) records decisions under."""
    store = open_store()
    try:
        return recorded_reviewer(store)
    finally:
        store.dispose()


def _hits(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict]:
    assert main(["hits", *args, "--format", "json"]) == 0
    return _json(capsys)["hits"]


@pytest.mark.postgres
def test_list_decide_revise_and_undo_from_the_cli(
    hits: dict[str, int], capsys: pytest.CaptureFixture[str]
) -> None:
    taida = hits["Hetian Taida Apparel Co Ltd/Hetian Taida Apparel Co., Ltd."]
    me = _me()
    listed = _hits(capsys, "--status", "pending")
    assert len(listed) == 3 and {h["status"] for h in listed} == {"pending"}
    first = next(h for h in listed if h["id"] == taida)
    assert first["supplier"]["country"] == "CN" and first["score"] == 97.0 and first["version"] == 1
    assert first["measures"][0]["kind"] == "wro" and first["entity"]["key"] == "builtin:hetian-taida"
    assert (first["decided_by"], first["decided_at"], first["rationale"], first["history"]) == (
        None,
        None,
        None,
        [],
    )

    assert main(["decide", str(taida), "--confirm", "--rationale", SAME, "--format", "json"]) == 0
    decided = _json(capsys)
    assert (decided["status"], decided["decided_by"], decided["rationale"]) == (
        "confirmed",
        me,
        SAME,
    )
    assert decided["version"] == 2 and decided["decided_at"].endswith("Z")

    assert main(["decide", str(taida), "--dismiss", "--rationale", OTHER_CO, "--reviewer", "Sam Senior"]) == 0
    assert "revise recorded by Sam Senior; status dismissed, version 3" in capsys.readouterr().out
    [revised] = [h for h in _hits(capsys, "--status", "dismissed") if h["id"] == taida]
    assert [(s["action"], s["status"], s["reviewer"], s["undone"]) for s in revised["history"]] == [
        ("decide", "confirmed", me, False),
        ("revise", "dismissed", "Sam Senior", False),
    ]

    assert main(["decide", str(taida), "--undo", "--format", "json"]) == 0
    undone = _json(capsys)
    assert (undone["status"], undone["rationale"], undone["version"]) == ("confirmed", SAME, 4)
    assert [s["undone"] for s in undone["history"]] == [False, True, False]
    assert undone["history"][-1]["undoes"] == undone["history"][1]["id"]
    assert [h["id"] for h in _hits(capsys, "--status", "confirmed")] == [taida]
    assert _hits(capsys, "--status", "dismissed") == []


@pytest.mark.postgres
def test_bad_input_exits_2_and_a_concurrent_change_exits_4(
    hits: dict[str, int], any_url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    taida = hits["Hetian Taida Apparel Co Ltd/Hetian Taida Apparel Co., Ltd."]
    assert main(["decide", str(taida), "--confirm", "--rationale", "ok"]) == 2
    assert "'ok' is too short to justify a decision" in capsys.readouterr().err
    assert main(["decide", str(taida), "--confirm"]) == 2
    assert "a rationale is required" in capsys.readouterr().err
    assert main(["decide", "999", "--dismiss", "--rationale", OTHER_CO]) == 2
    assert "Hit 999 does not exist" in capsys.readouterr().err
    assert main(["decide", str(taida), "--undo"]) == 2
    assert "has no decision to undo" in capsys.readouterr().err

    store = open_store(any_url, load_builtin=False)  # another reviewer decides after we listed the hit
    try:
        with store.transaction() as s:
            decide(
                s, taida, "escalated", "Asked the supplier for its business licence to compare.", "Lee Other"
            )
    finally:
        store.dispose()
    assert main(["decide", str(taida), "--confirm", "--rationale", SAME, "--if-version", "1"]) == 4
    err = capsys.readouterr().err
    assert f"Hit {taida} was changed by Lee Other on " in err and "decision: escalated" in err
    assert main(["decide", str(taida), "--undo", "--if-version", "1"]) == 4
    [still] = [h for h in _hits(capsys) if h["id"] == taida]
    assert (still["status"], len(still["history"])) == ("escalated", 1)
    assert main(["decide", str(taida), "--confirm", "--rationale", SAME, "--if-version", "2"]) == 0


def test_supplier_filter_and_table_output(hits: dict[str, int], capsys: pytest.CaptureFixture[str]) -> None:
    assert [h["supplier"]["name"] for h in _hits(capsys, "--supplier", "和田")] == ["和田阳光服装"]
    assert len(_hits(capsys, "--supplier", "hetian taida")) == 2
    assert _hits(capsys, "--supplier", "nobody") == []
    assert main(["hits", "--supplier", "taida"]) == 0
    out = capsys.readouterr().out
    assert "Hetian Taida Apparel Co Ltd" in out and "pending" in out and "2 hit(s)." in out
    with pytest.raises(SystemExit) as exited:
        main(["hits", "--status", "bogus"])
    assert exited.value.code == 2 and "invalid choice: 'bogus'" in capsys.readouterr().err
