"""Normalisation: scripts, legal forms, places, descriptive words, abbreviations."""

from __future__ import annotations

from workbench.screening.normalize import normalize, normalize_country, split_acronyms


def test_case_width_and_punctuation_do_not_matter():
    assert (
        normalize("ＨＥＴＩＡＮ  Haolin, Hair-Accessories.").tokens
        == normalize("hetian haolin hairaccessories").tokens
    )


def test_english_and_chinese_legal_forms_are_kept_apart_from_the_name():
    en = normalize("Xinjiang Cotton Trading Co., Ltd.")
    zh = normalize("新疆棉花贸易有限公司")
    assert en.tokens == zh.tokens == ("xinjiang", "cotton", "trade")
    assert en.legal == zh.legal == ("limited company",)
    assert normalize("新疆中泰化学股份有限公司").legal == ("joint-stock company",)
    assert normalize("Awati Huafu Fangzhi Youxian Gongsi").legal == ("limited company",)


def test_a_name_that_is_only_a_legal_form_keeps_its_words():
    assert normalize("Group").tokens == ("group",)


def test_chinese_characters_meet_pinyin_and_english_descriptive_words():
    assert normalize("新疆棉花贸易").tokens == normalize("Xinjiang Mianhua Maoyi").tokens
    assert (
        normalize("和田浩林发饰品有限公司").tokens
        == normalize("Hetian Haolin Hair Accessories Co. Ltd.").tokens
    )
    assert normalize("Hetian Taida Fuzhuang").tokens == normalize("Hotan Taida Apparel").tokens
    assert normalize("Kuche Zongheng Mianye").tokens == normalize("Kuqa Zongheng Cotton Industry").tokens


def test_xinjiang_place_variants_share_one_token():
    for variants in (
        ["Hetian", "Hotan", "Khotan", "和田"],
        ["Kashgar", "Kashi", "喀什"],
        ["Yili", "Ili", "伊犁"],
        ["Turfan", "Turpan", "吐鲁番"],
        ["Kelamayi", "Karamay", "克拉玛依"],
        ["Boertala", "Bortala"],
        ["Tacheng", "Qoqek"],
        ["Kezilesu", "Kizilsu"],
        ["Tumushuke", "Tumxuk"],
        ["Urumqi", "Wulumuqi"],
        ["Altay", "Aletai"],
        ["Aksu", "Akesu"],
        ["Hami", "Kumul"],
    ):
        assert len({normalize(v).tokens for v in variants}) == 1, variants


def test_abbreviations_expand_to_the_words_they_stand_for():
    xpcc = normalize("Xinjiang Production and Construction Corps").tokens
    assert normalize("XPCC").tokens == normalize("Bingtuan").tokens == normalize("X.P.C.C.").tokens == xpcc
    assert normalize("新疆生产建设兵团").tokens == xpcc
    assert normalize("XPSB").tokens == normalize("Xinjiang Public Security Bureau").tokens
    # an acronym next to its own expansion is not counted twice
    assert (
        normalize("China National Scientific Instruments and Materials CNSIM").tokens
        == normalize("CNSIM").tokens
    )


def test_acronyms_in_parentheses_become_separate_names_only_for_the_whole_name():
    assert split_acronyms("China National Scientific Instruments and Materials (CNSIM)") == (
        "China National Scientific Instruments and Materials",
        ("CNSIM",),
    )
    assert split_acronyms("Xinjiang Production and Construction Corps (XPCC) Public Security Bureau")[1] == ()


def test_government_functions_are_tokens_of_their_own():
    assert "public-security" in normalize("和田地区公安局").tokens
    assert "tax" in normalize("和田地区税务局").tokens
    assert normalize("Hotan Prefecture Police Bureau").tokens == normalize("和田地区公安局").tokens


def test_scope_notes_are_not_part_of_the_name():
    assert normalize("Hoshine Silicon Industry (Shanshan) Co., Ltd. and subsidiaries").tokens == (
        "hoshine",
        "silicon",
        "industry",
        "shanshan",
    )
    assert (
        normalize(
            "Xinjiang Production and Construction Corps and its subordinate and affiliated entities"
        ).tokens
        == normalize("XPCC").tokens
    )


def test_countries_are_read_as_iso_codes():
    assert normalize_country("China") == normalize_country("cn") == normalize_country("中国") == "CN"
    assert normalize_country("Hong Kong") == "HK"
    assert normalize_country("Atlantis") == ""


def test_shipped_xinjiang_places_add_county_and_uyghur_script_forms():
    assert normalize("墨玉县").tokens == normalize("Karakax County").tokens == normalize("Moyu County").tokens
    assert normalize("ئۈرۈمچى").tokens == normalize("Urumqi").tokens
    assert normalize("Ghulja").tokens == normalize("伊宁").tokens
    assert normalize("伊犁州公安局").tokens == normalize("Yili Prefecture Public Security Bureau").tokens
    # an English word that is also a county's short name is left alone
    assert normalize("Bay Area Textiles").tokens[0] == "bay"


def test_legal_forms_of_the_main_jurisdictions_are_not_name_words():
    cases = {
        "OOO Romashka": "limited company",
        "Romashka OOO": "limited company",
        "LLC Romashka": "limited company",
        "Obshchestvo s Ogranichennoy Otvetstvennostyu Romashka": "limited company",
        "Otkrytoe Aktsionernoe Obshchestvo Romashka": "joint-stock company",
        "Romashka OAO": "joint-stock company",
        "ZAO Romashka": "joint-stock company",
        "Romashka OJSC": "joint-stock company",
        "Romashka PJSC": "joint-stock company",
        "Romashka Open Joint Stock Company": "joint-stock company",
        "Romashka Sahami Khas": "joint-stock company",
        "Romashka FZE": "free-zone company",
        "Romashka FZ-LLC": "free-zone company",
        "Romashka Pte. Ltd.": "limited company",
        "Romashka GmbH": "limited company",
        "Romashka AG": "joint-stock company",
        "Romashka S.A.R.L.": "limited company",
        "Romashka S.A.": "joint-stock company",
        "Romashka S.L.": "limited company",
        "Romashka A.S.": "joint-stock company",
        "Romashka Ltd. Sti.": "limited company",
        "Romashka LLP": "partnership",
        "Romashka Inc.": "corporation",
        "Romashka plc": "limited company",
    }
    for name, family in cases.items():
        form = normalize(name)
        assert form.tokens == ("romashka",), name
        assert family in form.legal, name
