"""The rendered memo: text content, scripts, hostile input, tables across pages."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from tests.memo.conftest import flat, pdftotext
from workbench.memo import wording
from workbench.memo.content import Hit, SupplierSection
from workbench.memo.fonts import markup
from workbench.memo.render import render_memo
from workbench.memo.sample import sample_memo, sample_supplier
from workbench.progress import Cancelled, TaskState

UYGHUR = "خوتەن خاۋلىن چاچ بۇيۇملىرى شىركىتى"


def _write(tmp_path: Path, memo, name: str = "memo.pdf") -> Path:  # type: ignore[no-untyped-def]
    path = tmp_path / name
    path.write_bytes(render_memo(memo).pdf)
    return path


def test_memo_states_scope_method_and_every_section(tmp_path: Path) -> None:
    text = flat(pdftotext(_write(tmp_path, sample_memo())))
    for expected in (
        "M-2026-11-25-0001",
        "2026-11-25",
        "Amélie Dubois",
        "Measures dataset 2026.11.1",
        "Match threshold 60 (scores 0-100)",
        "Scope and method",
        "UNGP 17",
        "UNGP 21",
        "OECD",
        "Screening results",
        "Forced-labour indicators",
        "Restriction of movement",
        "Risk rating: HIGH",
        "rebuttable presumption",
        "19 U.S.C. 1307",
        "Responsible disengagement",
        "Monitoring plan",
        "Limitations",
        "cannot show that a supplier is free of forced labour",
        "Sources",
        "https://www.dhs.gov/uflpa-entity-list",
        "Sign-off",
    ):
        assert expected in text, expected


def test_pending_hits_are_marked_and_confirmed_ones_carry_rationale(tmp_path: Path) -> None:
    text = flat(pdftotext(_write(tmp_path, sample_memo())))
    assert "PENDING REVIEW" in text
    assert "1 hit is pending review or escalated" in text
    assert "CONFIRMED" in text
    assert "Same registered address" in text
    assert "Forced Labor Enforcement Task Force (DHS)" in text


def test_page_numbers_and_header_on_every_page(tmp_path: Path) -> None:
    rendered = render_memo(sample_memo())
    path = tmp_path / "m.pdf"
    path.write_bytes(rendered.pdf)
    for page in range(1, rendered.pages + 1):
        text = pdftotext(path, page, page)
        assert f"Page {page} of {rendered.pages}" in text
        assert "Due-diligence memo M-2026-11-25-0001" in text


def test_chinese_uyghur_and_accented_names_are_extractable(tmp_path: Path) -> None:
    memo = sample_memo()
    supplier = dataclasses.replace(
        memo.suppliers[0],
        name="Société Générale de Coton Łódź Ñandú",
        local_name="新疆生产建设兵团",
        aliases=(UYGHUR,),
    )
    text = pdftotext(_write(tmp_path, dataclasses.replace(memo, suppliers=(supplier,))))
    assert "Société Générale de Coton Łódź Ñandú" in flat(text)
    assert "新疆生产建设兵团" in text
    assert UYGHUR in text


def test_characters_without_any_font_are_written_as_code_points() -> None:
    assert "[U+13000]" in markup("hieroglyph 𓀀")
    assert "WB-CJK" in markup("和田")
    assert "WB-Sans" in markup("ئۈرۈمچى")


def test_hostile_text_renders_literally(tmp_path: Path) -> None:
    hostile = 'Evil <font name="Courier" size="40">big</font> & <b>bold</b> </para> &amp; ]]>'
    memo = sample_memo()
    supplier = dataclasses.replace(memo.suppliers[0], name=hostile, notes="<br/><img src='x'/> a&b")
    text = flat(pdftotext(_write(tmp_path, dataclasses.replace(memo, suppliers=(supplier,)))))
    assert hostile in text
    assert "<br/><img src='x'/> a&b" in text


def test_long_unbroken_strings_wrap_instead_of_overflowing(tmp_path: Path) -> None:
    long_word = "X" * 600
    long_cjk = "和" * 300
    memo = sample_memo()
    supplier = dataclasses.replace(memo.suppliers[0], name="Long " + long_word, notes=long_cjk)
    rendered = render_memo(dataclasses.replace(memo, suppliers=(supplier,)))
    path = tmp_path / "long.pdf"
    path.write_bytes(rendered.pdf)
    text = pdftotext(path)
    assert "".join(text.split()).count(long_word) >= 1
    assert "".join(text.split()).count(long_cjk) >= 1
    lines = [line for line in text.splitlines() if set(line.strip()) == {"X"}]
    assert len(lines) > 3  # the word was broken over several lines
    assert max(len(line.strip()) for line in lines) < 120


def test_long_hit_table_splits_across_pages_with_repeated_header(tmp_path: Path) -> None:
    base = sample_supplier()
    hits = tuple(
        Hit(
            entity_name=f"Listed party {i}",
            matched_name=base.name,
            score=70.0,
            evidence=("token overlap",) * 3,
        )
        for i in range(60)
    )
    memo = dataclasses.replace(sample_memo(), suppliers=(dataclasses.replace(base, hits=hits),))
    rendered = render_memo(memo)
    path = tmp_path / "hits.pdf"
    path.write_bytes(rendered.pdf)
    pages_with_header = [
        p for p in range(1, rendered.pages + 1) if "Measure (authority, date)" in pdftotext(path, p, p)
    ]
    assert len(pages_with_header) >= 3
    assert "Listed party 59" in pdftotext(path)


def test_portfolio_memo_covers_every_supplier(tmp_path: Path) -> None:
    memo = sample_memo(5)
    text = flat(pdftotext(_write(tmp_path, memo)))
    assert "portfolio of 5 suppliers" in text
    for n in range(1, 5):
        assert f"3.{n + 1} Hotan Haolin Hair Accessories Co., Ltd. {n}" in text


def test_signature_slot_is_on_the_last_page() -> None:
    rendered = render_memo(sample_memo(2))
    assert rendered.signature_page == rendered.pages - 1
    x1, y1, x2, y2 = rendered.signature_box
    assert x2 > x1 > 0 and y2 > y1 > 0


def test_supplier_without_hits_or_indicators_says_so(tmp_path: Path) -> None:
    bare = SupplierSection(name="Plain Supplier Ltd", country="Viet Nam")
    memo = dataclasses.replace(sample_memo(), suppliers=(bare,))
    text = flat(pdftotext(_write(tmp_path, memo)))
    assert "No candidate match at or above the threshold" in text
    assert "None of the 11 ILO forced-labour indicators has been assessed" in text


def test_framework_comes_from_the_reference_data_when_shipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    reference = {
        "principles": [
            {"principle": 11, "title": "Respect human rights", "summary": "Not in the memo's table."},
            {
                "principle": 19,
                "title": "Integrate findings and take action; leverage",
                "summary": "Act on it.",
            },
        ],
        "oecd_due_diligence_guidance": {
            "steps": [{"step": 3, "title": "Cease, prevent or mitigate adverse impacts"}]
        },
    }
    monkeypatch.setattr(wording, "_load_reference", lambda: reference)
    assert wording.framework() == (
        ("UNGP 19", "Integrate findings and take action; leverage. Act on it.", wording.ANSWERED_IN[19]),
    )
    assert wording.oecd_steps() == ("3. Cease, prevent or mitigate adverse impacts.",)
    text = flat(pdftotext(_write(tmp_path, sample_memo())))
    assert "Integrate findings and take action; leverage. Act on it." in text
    assert "Respect human rights" not in text


def test_framework_falls_back_when_reference_data_is_missing(monkeypatch: pytest.MonkeyPatch) -> None:
    def missing() -> None:
        raise FileNotFoundError("ungp_hrdd.json")

    monkeypatch.setattr(wording, "_load_reference", missing)
    assert [ref for ref, _, _ in wording.framework()] == [f"UNGP {n}" for n in range(17, 23)]
    assert len(wording.oecd_steps()) == 6


def test_text_longer_than_a_page_in_cells_and_details_still_lays_out(tmp_path: Path) -> None:
    essay = " ".join(f"word{i}" for i in range(2500))
    base = sample_supplier()
    hit = dataclasses.replace(base.hits[0], rationale=essay, evidence=(essay,))
    indicator = dataclasses.replace(base.indicators[0], evidence=essay)
    supplier = dataclasses.replace(base, hits=(hit,), indicators=(indicator,), products=())
    rendered = render_memo(dataclasses.replace(sample_memo(), suppliers=(supplier,)))
    path = tmp_path / "essay.pdf"
    path.write_bytes(rendered.pdf)
    text = flat(pdftotext(path))
    assert text.count("word2499") == 3


def test_long_uyghur_text_wraps_by_phrases_and_every_word_is_extractable(tmp_path: Path) -> None:
    words = ["ئۈرۈمچى", "توقۇمىچىلىق", "شىركىتى", "پاختا", "ئىشچىلار", "يۆتكەش"] * 12
    memo = sample_memo()
    supplier = dataclasses.replace(memo.suppliers[0], notes=" ".join(words))
    text = pdftotext(_write(tmp_path, dataclasses.replace(memo, suppliers=(supplier,))))
    for word in set(words):
        assert text.count(word) >= 12, word
    lines_with_uyghur = [line for line in text.splitlines() if "پاختا" in line]
    assert len(lines_with_uyghur) >= 4


def test_rendering_reports_progress_and_can_be_cancelled() -> None:
    seen: list[tuple[int, int]] = []
    render_memo(sample_memo(3), TaskState(lambda done, total, _msg: seen.append((done, total))))
    assert seen[0] == (0, 4) and seen[-1] == (4, 4)
    state = TaskState()
    state.cancel()
    with pytest.raises(Cancelled):
        render_memo(sample_memo(3), state)


def test_bold_runs_keep_their_font_inside_regular_paragraphs() -> None:
    from workbench.memo.fonts import SERIF_BOLD, styled

    assert styled("Risk rating: ", SERIF_BOLD) == '<font name="WB-Serif-Bold">Risk rating: </font>'
    assert 'name="WB-Sans-Bold"' in styled("ئۈرۈمچى", SERIF_BOLD)
