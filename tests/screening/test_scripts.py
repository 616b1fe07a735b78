"""Spoofing and scripts: invisible characters, look-alike letters, traditional Chinese, other scripts."""

from __future__ import annotations

from tests.screening.fixtures import fixture_screener
from workbench.screening import SupplierQuery
from workbench.screening.normalize import normalize
from workbench.screening.scripts import fold_scripts

TAIDA = "builtin:uflpa-hetian-taida-apparel-co-ltd"


def first(name: str) -> tuple[str, float] | None:
    matches = fixture_screener().screen(SupplierQuery(name))
    return (matches[0].entity.key, matches[0].score) if matches else None


def test_cyrillic_look_alike_letters_do_not_hide_a_listed_name():
    spoofed = "\u041d\u0435tian \u0422\u0430id\u0430 Apparel Co., Ltd."  # Н е Т а а are Cyrillic
    assert spoofed != "Hetian Taida Apparel Co., Ltd."
    assert first(spoofed) == (TAIDA, 100.0)


def test_mixed_script_words_are_reported_as_evidence():
    fold = fold_scripts("Xinji\u0430ng Pr\u043educti\u043en and Construction Corps")
    assert fold.text == "Xinjiang Production and Construction Corps"
    assert fold.mixed_words == ("Xinji\u0430ng", "Pr\u043educti\u043en")
    assert fold.mixed_scripts == ("Cyrillic",)
    spoofed = SupplierQuery("Xinji\u0430ng Pr\u043educti\u043en and Construction Corps")
    match = fixture_screener().screen(spoofed)[0]
    assert match.score >= 95
    mixed = [f for f in match.features if f.name == "mixed scripts"]
    assert mixed and "Xinji\u0430ng" in mixed[0].detail and "Cyrillic" in mixed[0].detail
    assert any("mix" in s and "Cyrillic" in s for s in match.evidence)


def test_a_plain_latin_name_has_no_mixed_script_evidence():
    assert normalize("Hetian Taida Apparel Co., Ltd.").scripts is None
    match = fixture_screener().screen(SupplierQuery("Hetian Taida Apparel Co., Ltd."))[0]
    assert not [f for f in match.features if f.name == "mixed scripts"]


def test_invisible_characters_are_dropped():
    for ch in ("\u200d", "\u200b", "\u00ad", "\u2060", "\ufeff"):
        spoofed = f"Het{ch}ian Tai{ch}da Apparel"
        assert normalize(spoofed).tokens == normalize("Hetian Taida Apparel").tokens, repr(ch)
        assert first(spoofed) is not None and first(spoofed)[0] == TAIDA  # type: ignore[index]


def test_traditional_chinese_meets_simplified():
    fold = fold_scripts("和田泰達服飾有限公司")
    assert fold.traditional and fold.text == "和田泰达服饰有限公司"
    assert normalize("和田泰達服飾有限公司").tokens == normalize("和田泰达服饰有限公司").tokens
    assert first("和田泰達服飾有限公司") == first("和田泰达服饰有限公司")


def test_cyrillic_and_arabic_names_are_transliterated_with_their_legal_forms():
    gazprom = normalize("ООО Газпром")
    assert gazprom.tokens == ("gazprom",) and gazprom.legal == ("limited company",)
    assert gazprom.scripts is not None and gazprom.scripts.transliterated == ("Cyrillic",)
    assert normalize("Société Générale").tokens == normalize("Societe Generale").tokens
    assert normalize("محمد").tokens == ("mhmd",)
