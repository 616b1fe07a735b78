"""Each parser reads the real-format samples into normalised entries."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

from workbench.lists import csl, detect_type, ftm, ofac_csv, ofac_xml, uflpa_html, watchlist_csv
from workbench.lists.entry import ENTRY_TYPES, ListedEntry


def by_key(entries) -> dict[str, ListedEntry]:
    out = {e.entry_key: e for e in entries}
    assert all(e.type in ENTRY_TYPES for e in out.values())
    return out


def test_csl_rows_are_keyed_by_source_and_id(samples: Path):
    entries = by_key(csl.parse(samples / "csl_sample.csv"))
    assert len(entries) == 25
    # _id 17014 appears on two lists: both are kept, under different keys.
    assert {"NS-MBS:17014", "SSI:17014"} <= set(entries)
    hik = entries["CMIC:30946"]
    assert hik.name == "Hangzhou Hikvision Digital Technology Co., Ltd."
    assert "Hikvision" in hik.aliases
    assert hik.country == "CN"
    assert hik.program.startswith("Non-SDN Chinese Military-Industrial Complex Companies List (CMIC)")
    assert hik.source_url.startswith("https://")


def test_csl_types_dates_and_the_dpl_trap(samples: Path):
    entries = list(csl.parse(samples / "csl_sample.csv"))
    haq = next(e for e in entries if e.name == "HAQ, Abdul")
    assert haq.type == "person" and haq.country == "CN"
    vessel = next(e for e in entries if e.name == "EBANO")
    assert vessel.type == "vessel"
    dahua = next(e for e in entries if e.name == "DAHUA ELECTRONICS CORPORATION")
    assert dahua.listed == date(2017, 9, 28)
    assert "CN" not in dahua.country  # Flushing, NY: not Zhejiang Dahua
    meu = [e for e in entries if e.program.startswith("Military End User")]
    assert len(meu) == 2 and all(e.listed == date(2020, 12, 23) for e in meu)


def test_csl_skips_a_repeated_header_row(samples: Path, tmp_path: Path):
    lines = (samples / "csl_sample.csv").read_text(encoding="utf-8").split("\n")
    doubled = tmp_path / "consolidated.csv"
    doubled.write_text("\n".join([lines[0], *lines[1:5], lines[0], *lines[5:]]), encoding="utf-8")
    assert [e.entry_key for e in csl.parse(doubled)] == [
        e.entry_key for e in csl.parse(samples / "csl_sample.csv")
    ]


def test_ofac_csv_joins_alt_and_add_on_ent_num(samples: Path):
    entries = by_key(ofac_csv.parse(samples / "sdn_sample.csv"))
    assert len(entries) == 24  # the 0x1A end byte is not a row
    limmt = entries["9749"]
    assert limmt.name == "LIMMT ECONOMIC AND TRADE COMPANY, LTD."
    assert limmt.program == "NPWMD; IFSR"
    assert limmt.aliases == (
        "LIMMT (DALIAN) METALLURGY AND MINERALS CO., LTD.",
        "LIMMT (DALIAN FTZ) MINMETALS AND METALLURGY CO., LTD.",
    )
    assert limmt.country == "CN" and "Dalian" in limmt.address
    assert entries["16318"].type == "person" and entries["16318"].name == "ZHANG, Lei"
    assert entries["4234"].type == "vessel" and entries["15431"].type == "aircraft"
    assert entries["29159"].type == "government"  # XINJIANG PUBLIC SECURITY BUREAU
    assert entries["11300"].country == "HK; MM"
    assert "-0-" not in repr(entries)


def test_ofac_csv_finds_siblings_by_ofac_names(ofac_folder: Path):
    entries = by_key(ofac_csv.parse(ofac_folder / "sdn.csv"))
    assert entries["9749"].aliases and entries["9749"].address
    assert ofac_csv.files(ofac_folder / "sdn.csv") == [
        ofac_folder / "sdn.csv",
        ofac_folder / "alt.csv",
        ofac_folder / "add.csv",
    ]


def test_ofac_csv_without_siblings_still_reads_sdn(tmp_path: Path, samples: Path):
    lonely = tmp_path / "sdn.csv"
    lonely.write_bytes((samples / "sdn_sample.csv").read_bytes())
    entries = by_key(ofac_csv.parse(lonely))
    assert len(entries) == 24 and entries["9749"].aliases == () and entries["9749"].address == ""


def test_ofac_xml_matches_the_csv_for_the_same_entries(samples: Path):
    xml = by_key(ofac_xml.parse(samples / "sdn_sample.xml"))
    csv_entries = by_key(ofac_csv.parse(samples / "sdn_sample.csv"))
    assert set(xml) == {"4234", "9749", "16318", "29159"}
    for key in ("4234", "9749", "29159"):
        assert xml[key].fingerprint() == csv_entries[key].fingerprint()
    assert xml["16318"].name == "ZHANG, Lei" and xml["16318"].aliases == ("CHANG, Eric", "LEI, Zhang")
    assert xml["16318"].country == "CN"  # from nationalityList


def test_ftm_reads_things_and_skips_links(samples: Path):
    entries = by_key(ftm.parse(samples / "ftm_sample.json"))
    assert len(entries) == 12  # Sanction, Passport, Ownership, UnknownLink and Address are not listed parties
    haq = entries["Q2821416"]
    assert haq.name == "Abdul Haq" and haq.type == "person"
    assert "阿不都·哈克" in haq.aliases
    assert "CN" in haq.country.split("; ")
    assert haq.program  # from the Sanction entities pointing at him
    lockheed = entries["NK-mz7Dgcw5RGh4VRpKjKcnXB"]
    assert lockheed.type == "company" and "洛克希德·马丁公司" in lockheed.aliases
    assert entries["NK-2PacmNpiLUmoz4XD2mSt7A"].name == "IRGC"


def test_ftm_sanction_program_and_listing_date(tmp_path: Path):
    path = tmp_path / "entities.ftm.json"
    path.write_text(
        '{"id":"s1","schema":"Sanction","properties":{"entity":["c1"],"program":["UFLPA Entity List"],'
        '"listingDate":["2022-06-21"]}}\n'
        '{"op":"ADD","entity":{"id":"c1","caption":"Hoshine Silicon","schema":"Company",'
        '"properties":{"name":["Hoshine Silicon"],"country":["cn"],"topics":["sanction"]}}}\n'
        '{"op":"DEL","entity":{"id":"c2","schema":"Company","properties":{"name":["Gone"]}}}',
        encoding="utf-8",
    )
    [entry] = ftm.parse(path)
    assert entry.program == "UFLPA Entity List"
    assert entry.listed == date(2022, 6, 21)
    assert entry.country == "CN"
    assert entry.source_url == "https://www.opensanctions.org/entities/c1/"


def test_uflpa_page_matches_the_expected_rows(samples: Path):
    expected = list(csv.DictReader((samples / "uflpa_sample.csv").open(encoding="utf-8")))
    entries = [
        *uflpa_html.parse(samples / "uflpa_sample.html"),
        *uflpa_html.parse(samples / "uflpa_sample_2.html"),
    ]
    assert len(entries) == len(expected) == 7
    for entry, row in zip(entries, expected, strict=True):
        assert entry.name == row["name"]
        assert list(entry.aliases) == [a for a in row["aliases"].split("; ") if a]
        assert entry.listed == date.fromisoformat(row["effective_date"])
        assert entry.country == "CN" and entry.source_url == "https://www.dhs.gov/uflpa-entity-list"
    hoshine, goens, shihezi = entries[:3]
    assert hoshine.program == "Section 2(d)(2)(B)(i) (and subsidiaries)"
    assert goens.program == "Section 2(d)(2)(B)(i)"
    assert shihezi.program == "Section 2(d)(2)(B)(v)"
    assert entries[3].program == "UFLPA Entity List, table 1"  # the trimmed page has no headings


NAME_CELLS = [
    (
        "Xinjiang Tianshan Wool Textile Co., Ltd. (also known as Tianshan Wool) and its subordinate "
        "and affiliated entities",
        "Xinjiang Tianshan Wool Textile Co., Ltd.",
        ("Tianshan Wool",),
    ),
    (
        "Ninestar Corporation (including eight Zhuhai-based subsidiaries: Zhuhai Ninestar; and Pantum) ",
        "Ninestar Corporation",
        ("Zhuhai Ninestar", "Pantum"),
    ),
    (
        "Hetian Haolin Hair Accessories Co. Ltd. (and two aliases: Hotan Haolin; and Hollin)",
        "Hetian Haolin Hair Accessories Co. Ltd.",
        ("Hotan Haolin", "Hollin"),
    ),
    ("Xinjiang Daqo New Energy Co., Ltd. (a.k.a. Daqo)", "Xinjiang Daqo New Energy Co., Ltd.", ("Daqo",)),
    ("Lop County Hair Product Park (unbalanced", "Lop County Hair Product Park (unbalanced", ()),
    ("Baoding LYSZD Trade’s Business", "Baoding LYSZD Trade's Business", ()),
]


def test_uflpa_name_cell_patterns():
    for cell, name, aliases in NAME_CELLS:
        assert uflpa_html.parse_name_cell(cell)[:2] == (name, aliases), cell


def test_watchlist_csv_template(samples: Path):
    entries = list(watchlist_csv.parse(samples / "watchlist_sample.csv"))
    assert [e.name for e in entries][:2] == [
        "Hoshine Silicon Industry (Shanshan) Co., Ltd",
        "Xinjiang Production and Construction Corps",
    ]
    xpcc = entries[1]
    assert xpcc.aliases == ("XPCC", "Bingtuan") and xpcc.country == "CN" and xpcc.type == "government"
    assert xpcc.listed == date(2020, 7, 31) and xpcc.program == "OFAC SDN (GLOMAG)"
    assert entries[2].listed == date(2023, 8, 2)  # "August 2, 2023"
    assert entries[3].aliases == ("示例纺织厂", "Example Mill")


def test_watchlist_csv_utf16_and_semicolons(tmp_path: Path):
    path = tmp_path / "list.csv"
    path.write_text("Name;Country;Date\nHotan Haolin;CN;2022-06-21\n", encoding="utf-16")
    [entry] = watchlist_csv.parse(path)
    assert (entry.name, entry.country, entry.listed) == ("Hotan Haolin", "CN", date(2022, 6, 21))


def test_type_detection(samples: Path, ofac_folder: Path):
    assert detect_type(samples / "csl_sample.csv") == "csl-csv"
    assert detect_type(ofac_folder / "sdn.csv") == "ofac-csv"
    assert detect_type(samples / "sdn_sample.xml") == "ofac-xml"
    assert detect_type(samples / "ftm_sample.json") == "ftm"
    assert detect_type(samples / "uflpa_sample.html") == "uflpa-html"
    assert detect_type(samples / "uflpa_sample_2.html") == "uflpa-html"
    assert detect_type(samples / "watchlist_sample.csv") == "watchlist-csv"


def test_csl_name_notes_are_scope_not_name():
    note = "and any successor, sub-unit, or subsidiary thereof"
    name = "Beijing Institute of Technology"
    assert csl.split_name(f"{name}, {note}") == (name, note)
    assert csl.split_name("13th Institute (Parent Organization: CETC)") == (
        "13th Institute",
        "(Parent Organization: CETC)",
    )
    assert csl.split_name("Hikvision") == ("Hikvision", "")


def test_ftm_nested_targets_carry_their_sanctions(tmp_path: Path):
    path = tmp_path / "targets.nested.json"
    path.write_text(
        '{"id":"NK-x","caption":"Xinjiang Zhongtai Group","schema":"Company","properties":{'
        '"name":["Xinjiang Zhongtai Group"],"country":["cn"],"sanctions":[{"id":"s","schema":"Sanction",'
        '"properties":{"program":["UFLPA Entity List"],"listingDate":["2024-12-16"]}}],'
        '"addressEntity":[{"id":"a","schema":"Address","properties":{"full":["Urumqi"]}}]}}\n',
        encoding="utf-8",
    )
    [entry] = ftm.parse(path)
    assert (entry.program, entry.listed) == ("UFLPA Entity List", date(2024, 12, 16))


def test_uflpa_section_comes_from_the_heading_right_before_each_table(tmp_path: Path):
    page = tmp_path / "UFLPA Entity List _ Homeland Security.html"
    page.write_text(
        "<html><body><nav><table><tr><th>Name</th></tr><tr><td>Menu</td></tr></table></nav>"
        "<p>The list has four parts: Section 2(d)(2)(B)(i), (ii), (iv) and Section 2(d)(2)(B)(v).</p>"
        "<p><strong>Entities that work with the government of Xinjiang</strong><br>"
        "<a href='#'>Section 2(d)(2)(B)(ii)</a></p><div class='table-wrap'>"
        "<table><tr><th>Entity Name</th><th>Effective Date</th></tr>"
        "<tr><td>Camel Group Co., Ltd.</td><td>August 2, 2023</td></tr></table></div>"
        "<p>Entities added later:</p>"
        "<table><tr><th>Name of Entity</th><th>Effective Date</th></tr>"
        "<tr><td>Xinjiang Zhongtai Group</td><td>December 16, 2024</td></tr></table></body></html>",
        encoding="utf-8",
    )
    camel, zhongtai = uflpa_html.parse(page)
    assert camel.program == "Section 2(d)(2)(B)(ii)"
    assert zhongtai.program == "UFLPA Entity List, table 2"  # the second entity table


def test_ofac_xml_leaves_out_weak_akas(tmp_path: Path):
    path = tmp_path / "sdn.xml"
    path.write_text(
        '<?xml version="1.0" standalone="yes"?><sdnList xmlns="https://sanctionslistservice.ofac.treas.gov/'
        'api/PublicationPreview/exports/XML"><sdnEntry><uid>7</uid><lastName>HAQ</lastName><firstName>Abdul'
        "</firstName><sdnType>Individual</sdnType><akaList><aka><uid>1</uid><type>a.k.a.</type><category>"
        "strong</category><lastName>HEQ</lastName><firstName>Abdul</firstName></aka><aka><uid>2</uid><type>"
        "a.k.a.</type><category>weak</category><lastName>SAIFUDING</lastName></aka></akaList></sdnEntry>"
        "</sdnList>",
        encoding="utf-8",
    )
    [entry] = ofac_xml.parse(path)
    assert (entry.name, entry.aliases, entry.type) == ("HAQ, Abdul", ("HEQ, Abdul",), "person")
