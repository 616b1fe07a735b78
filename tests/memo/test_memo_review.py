"""A reviewer of the memo's text: for each kind of case, what the memo must and must not state.

One portfolio memo is made from the CLI over a store holding every case, screened with the real
engine against the built-in measures; the checks run over each supplier's section of the PDF text
(pdftotext) and over the `--format json` summary.
"""

from __future__ import annotations

import json
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import select

import workbench.cases  # noqa: F401  (installs the audit hooks)
import workbench.data.store as store_module
from tests.memo.conftest import flat, pdftotext
from workbench.cases.decisions import confirm, dismiss, set_reviewer_name
from workbench.cases.indicators import set_finding
from workbench.cases.screening import screen_suppliers
from workbench.cases.suppliers import create_supplier
from workbench.cli import main as cli_main
from workbench.data.models import Match
from workbench.screening import build_screener

REBUTTAL = (
    "fully complied with the FLETF guidance",
    "completely and substantively answered every CBP request for information",
    "clear and convincing evidence",
)
WORKER_AUDIT = ("unannounced", "worker interviews", "corrective action plan")
NOTHING_APPLIES = "no measure in the dataset is established as applying"


@dataclass(frozen=True)
class Case:
    """A supplier, the hit the reviewer confirms (if any), and what the memo must and must not say."""

    supplier: dict[str, Any]
    confirm: str = ""  # entity key of the hit to confirm; every other hit is dismissed
    keep_pending: str = ""  # entity key of a hit left undecided
    assess: tuple[str, str] | None = None  # (indicator id, status) recorded before the memo
    rating: str = ""
    presumption: str = "not indicated"
    measures: tuple[str, ...] = ()
    must: tuple[str, ...] = ()
    must_not: tuple[str, ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)


CASES = {
    "listed on the UFLPA Entity List": Case(
        {"legal_name": "Ninestar Corporation", "country": "CN", "region": "Guangdong"},
        confirm="builtin:ninestar-corporation",
        rating="severe",
        presumption="applies",
        measures=("uflpa-entity-list-2023-06-12",),
        must=(
            "UFLPA rebuttable presumption: applies on the record",
            "enacted 2021-12-23",
            "presumption effective 2022-06-21",
            *REBUTTAL,
            "Directly linked (UNGP 19)",
            "Suspend new orders",
            "end the relationship responsibly",
        ),
        must_not=(*WORKER_AUDIT, NOTHING_APPLIES, "Withhold Release Order"),
    ),
    "UFLPA Entity List hit pending review": Case(
        {"legal_name": "Shandong Meijia Group Co., Ltd.", "country": "CN", "region": "Shandong"},
        keep_pending="builtin:shandong-meijia-group-co-ltd",
        rating="high",
        presumption="possible",
        must=(
            "UFLPA rebuttable presumption: possible",
            "Unresolved potential exposure",
            "pending review): if confirmed",
            *REBUTTAL,
            "Decide every pending screening hit",
        ),
        must_not=(NOTHING_APPLIES, "applies on the record", "not indicated on the record"),
    ),
    "WRO only": Case(
        {"legal_name": "Dalian Ocean Fishing Co., Ltd.", "country": "CN", "region": "Liaoning"},
        confirm="builtin:dalian-ocean-fishing",
        rating="severe",
        measures=("wro-2021-05-28-dalian-ocean-fishing",),
        must=("Withhold Release Order", "detain", "19 CFR 12.43", "corrective action plan"),
        must_not=("forfeiture", "applies on the record", NOTHING_APPLIES),
    ),
    "Finding": Case(
        {"legal_name": "Kingtom Aluminio S.R.L.", "country": "DO"},
        confirm="builtin:kingtom-aluminio",
        rating="severe",
        measures=("finding-2024-11-kingtom-aluminio",),
        must=("CBP Finding", "seized", "forfeiture", "Record below verified confidence", "Low: the date"),
        must_not=("Withhold Release Order", "applies on the record"),
    ),
    "Entity List only": Case(
        {"legal_name": "Hikvision", "country": "CN", "region": "Zhejiang"},
        confirm="builtin:hikvision",
        rating="high",
        measures=("entity-list-2019-10-09",),
        must=("export control, not an import ban", "15 CFR 744.11", "surveillance"),
        must_not=(*WORKER_AUDIT, "applies on the record", "Withhold Release Order", "Remediation"),
    ),
    "Global Magnitsky": Case(
        {"legal_name": "Wang Mingshan", "country": "CN"},
        confirm="builtin:wang-mingshan",
        rating="severe",
        measures=("glomag-2020-07-09",),
        must=("SDN List", "blocked", "Stop dealings with the blocked party"),
        must_not=("applies on the record", "Withhold Release Order", *WORKER_AUDIT),
    ),
    "region nexus": Case(
        {
            "legal_name": "Tianshan Fresh Produce Co., Ltd.",
            "country": "CN",
            "region": "Xinjiang",
            "products": [{"description": "dried apricots", "hs_code": "0813.10"}],
        },
        rating="severe",
        presumption="applies",
        must=("Xinjiang nexus", "applies on the record", *REBUTTAL, "Directly linked (UNGP 19)"),
        must_not=(*WORKER_AUDIT, NOTHING_APPLIES),
    ),
    "sector only": Case(
        {
            "legal_name": "Jiangsu Sunrise Photovoltaic Materials Co., Ltd.",
            "country": "CN",
            "region": "Jiangsu",
            "products": [{"description": "polysilicon", "hs_code": "2804.61"}],
        },
        rating="high",
        must=(
            "UFLPA high-priority enforcement sector",
            "Map the supply chain to raw material",
            NOTHING_APPLIES,
        ),
        must_not=("applies on the record", "Withhold Release Order", "Directly linked (UNGP", *WORKER_AUDIT),
    ),
    "nothing found, one indicator assessed": Case(
        {"legal_name": "Porto Calcado Lda", "country": "PT", "products": [{"description": "leather shoes"}]},
        assess=("excessive_overtime", "not_observed"),
        rating="low",
        must=("1 of 11 ILO forced-labour indicators assessed, none observed", NOTHING_APPLIES),
        must_not=("applies on the record", "possible:", "Directly linked (UNGP"),
    ),
    "nothing found, nothing assessed": Case(
        {"legal_name": "Saigon Nitrile Gloves Joint Stock Company", "country": "VN"},
        rating="medium",
        must=(
            "None of the 11 ILO forced-labour indicators has been assessed",
            "Confidence limited",
            "nothing supports a low rating",
        ),
        must_not=("none observed or suspected", "Risk rating: LOW", "applies on the record"),
    ),
}


def _build_store() -> dict[str, int]:
    store = store_module.open_store()
    ids: dict[str, int] = {}
    with store.transaction() as s:
        set_reviewer_name(s, "Dana Reviewer")
        for label, case in CASES.items():
            ids[label] = create_supplier(s, case.supplier).id
    with store.transaction() as s:
        screen_suppliers(s, build_screener(s), list(ids.values()))
    with store.transaction() as s:
        for label, case in CASES.items():
            matches = s.scalars(select(Match).where(Match.supplier_id == ids[label])).all()
            keys = {m.entity_key for m in matches}
            for key in (case.confirm, case.keep_pending):
                assert not key or key in keys, f"{label}: screening did not find {key} (found {keys})"
            for m in matches:
                if m.entity_key == case.confirm:
                    confirm(s, m.id, "Same name, address and business as the listed entity.")
                elif m.entity_key != case.keep_pending:
                    dismiss(s, m.id, "Different company: name differs in its distinctive words.")
            if case.assess:
                indicator, status = case.assess
                set_finding(
                    s,
                    ids[label],
                    indicator,
                    status,
                    evidence="Time records checked.",
                    source_type="audit_report",
                )
    store.dispose()
    return ids


def _sections(text: str, names: list[str]) -> dict[str, str]:
    """Each supplier's part of the memo body, from its heading to the next one."""
    starts = [text.index(f"3.{n} {name}") for n, name in enumerate(names, 1)]
    ends = [*starts[1:], text.index("4. Limitations")]
    return {name: text[a:b] for name, a, b in zip(names, starts, ends, strict=True)}


def test_memo_text_states_exactly_what_each_case_supports(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _build_store()
    monkeypatch.setenv("WORKBENCH_SIGNING_PASSPHRASE", "pw")
    out = tmp_path / "portfolio.pdf"
    args = ["memo", "-o", str(out), "--format", "json"]
    for case in CASES.values():
        args += ["--supplier", case.supplier["legal_name"]]
    assert cli_main(args) == 0
    summary = json.loads(capsys.readouterr().out)
    assert {"memo_id", "path", "pages", "sha256", "signer", "suppliers", "screened"} <= set(summary)
    assert summary["dataset_version"] and summary["dataset_age_days"] >= 0
    text = flat(pdftotext(out))
    names = [c.supplier["legal_name"] for c in CASES.values()]
    sections = _sections(text, names)
    problems: list[str] = []
    for (label, case), reported in zip(CASES.items(), summary["cases"], strict=True):
        body = sections[case.supplier["legal_name"]]
        expected = {
            "name": case.supplier["legal_name"],
            "rating": case.rating,
            "presumption": case.presumption,
            "pending_hits": 1 if case.keep_pending else 0,
            "confirmed_measures": list(case.measures),
            "indicators_assessed": 1 if case.assess else 0,
        }
        if reported != expected:
            problems.append(f"{label}: JSON {reported} != {expected}")
        if f"Risk rating: {case.rating.upper()}" not in body:
            problems.append(f"{label}: PDF does not state the rating {case.rating}")
        problems += [f"{label}: must state {p!r}" for p in case.must if p not in body]
        problems += [
            f"{label}: must not state {p!r}" for p in case.must_not if p.casefold() in body.casefold()
        ]
    assert not problems, "\n".join(problems)

    first_page = flat(pdftotext(out, 1, 1))
    age = summary["dataset_age_days"]
    assert re.search(rf"as of \d{{4}}-\d\d-\d\d: {age} days old on the memo date", first_page)
    for regime in ("2024/3015", "FCC Covered List", "section 889", "NS-CMIC", "OFAC sanctions programmes"):
        assert regime in first_page, regime
    assert "Executive summary" in first_page and "Of 10 suppliers" in first_page
    assert "Feature " not in text and "Agreeing tokens" not in text  # no matcher internals
    # every UFLPA batch and every measure under its own numbered source, cited in the text
    assert re.search(r"\[\d+\] Forced Labor Enforcement Task Force.*2023-06-12", text) or "2023-06-12" in text
    assert "section 3: remediation actions" not in text  # no supplier here has a remediation action

    fonts = subprocess.run(["pdffonts", str(out)], check=True, capture_output=True, text=True).stdout
    rows = [line.split() for line in fonts.splitlines()[2:]]
    assert not [r for r in rows if r[0] == "Courier"]  # the signature stamp is drawn in the shipped fonts
    # every font drawing text is embedded; reportlab always lists an unused base Helvetica resource
    assert all(r[-5] == "yes" for r in rows if r[0] != "Helvetica"), fonts
    assert sum(1 for r in rows if r[0] == "Helvetica") <= 1, fonts
