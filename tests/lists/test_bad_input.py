"""Bad input gives a clear InputError naming the file (and line and field), and leaves the store untouched."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from sqlalchemy import func, select

from workbench.data.models import ListEntry, ListSnapshot, Watchlist
from workbench.data.store import Store
from workbench.errors import InputError
from workbench.lists import FORMATS, TYPES, detect_type, get_format, import_list

BOMB = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<sdnList><sdnEntry><uid>1</uid><lastName>&lol3;</lastName></sdnEntry></sdnList>
"""
EXTERNAL = """<?xml version="1.0"?>
<!DOCTYPE sdnList [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<sdnList><sdnEntry><uid>1</uid><lastName>&x;</lastName></sdnEntry></sdnList>
"""


def parse_all(list_type: str, path: Path) -> list:
    return list(get_format(list_type).parse(path, None))


def counts(store: Store) -> tuple[int, int, int]:
    with store.session() as s:
        models = (Watchlist, ListSnapshot, ListEntry)
        return tuple(s.scalar(select(func.count()).select_from(m)) or 0 for m in models)


@pytest.mark.parametrize("list_type", TYPES)
def test_empty_file(list_type: str, tmp_path: Path):
    path = tmp_path / "empty.dat"
    path.write_bytes(b"")
    with pytest.raises(InputError, match=r"empty \(0 bytes\)"):
        import_list_to_nowhere(path, list_type)


def import_list_to_nowhere(path: Path, list_type: str) -> None:
    """import_list checks the file before it touches a session."""
    import_list(None, path, list_type)  # type: ignore[arg-type]


@pytest.mark.parametrize("list_type", TYPES)
def test_binary_junk(list_type: str, tmp_path: Path):
    path = tmp_path / "junk.bin"
    path.write_bytes(os.urandom(3000) + b"\x00\x01\x02" + os.urandom(3000))
    with pytest.raises(InputError) as err:
        parse_all(list_type, path)
    assert str(path) in str(err.value)


@pytest.mark.parametrize(
    ("list_type", "other"),
    [
        ("csl-csv", "ftm_sample.json"),
        ("csl-csv", "sdn_sample.csv"),
        ("ofac-csv", "csl_sample.csv"),
        ("ofac-csv", "watchlist_sample.csv"),
        ("ofac-xml", "csl_sample.csv"),
        ("ofac-xml", "uflpa_sample.html"),
        ("ftm", "csl_sample.csv"),
        ("ftm", "sdn_sample.xml"),
        ("uflpa-html", "csl_sample.csv"),
        ("uflpa-html", "sdn_sample.xml"),
        ("watchlist-csv", "sdn_sample.csv"),
        ("watchlist-csv", "ftm_sample.json"),
    ],
)
def test_wrong_format_for_the_parser(list_type: str, other: str, samples: Path):
    with pytest.raises(InputError) as err:
        parse_all(list_type, samples / other)
    assert other in str(err.value)


def test_csl_truncated_inside_a_quoted_field(samples: Path, tmp_path: Path):
    data = (samples / "csl_sample.csv").read_bytes()
    path = tmp_path / "consolidated.csv"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match=r"line \d+: broken CSV .*truncated"):
        parse_all("csl-csv", path)


def test_csl_truncated_between_fields(samples: Path, tmp_path: Path):
    lines = (samples / "csl_sample.csv").read_text(encoding="utf-8").split("\n")
    path = tmp_path / "consolidated.csv"
    path.write_text("\n".join(lines[:4]) + "\n" + lines[4][:40].rsplit('","', 1)[0] + '"', encoding="utf-8")
    with pytest.raises(InputError, match=r"consolidated.csv, line 5, field \w+: the row has \d+ fields"):
        parse_all("csl-csv", path)


def test_csl_malformed_row_names_line_and_field(samples: Path, tmp_path: Path):
    lines = (samples / "csl_sample.csv").read_text(encoding="utf-8").split("\n")
    bad = lines[2].replace('"2020-12-23"', '"23/12/2020"')
    assert bad != lines[2]
    path = tmp_path / "consolidated.csv"
    path.write_text("\n".join([lines[0], lines[1], bad, *lines[3:]]), encoding="utf-8")
    with pytest.raises(InputError, match=r"consolidated.csv, line 3, field start_date: '23/12/2020'"):
        parse_all("csl-csv", path)


def test_ofac_csv_malformed_rows(samples: Path, ofac_folder: Path):
    sdn = ofac_folder / "sdn.csv"
    data = sdn.read_bytes().replace(b'16907,"BOYLE', b'X16907,"BOYLE')
    sdn.write_bytes(data)
    with pytest.raises(InputError, match=r"sdn.csv, line 10, field ent_num: 'X16907'"):
        parse_all("ofac-csv", sdn)
    alt = ofac_folder / "alt.csv"
    original = (samples / "alt_sample.csv").read_bytes()
    alt.write_bytes(original.replace(b',"aka","AVIA IMPORT",-0- ', b',"aka"'))
    with pytest.raises(InputError, match=r"alt.csv, line 2, field alt_name: the row has 3 fields"):
        parse_all("ofac-csv", sdn)


def test_ofac_csv_truncated(samples: Path, tmp_path: Path):
    data = (samples / "sdn_sample.csv").read_bytes()
    path = tmp_path / "sdn.csv"
    path.write_bytes(data[: data.index(b"16318,") + 30])
    with pytest.raises(InputError, match=r"sdn.csv, line 8"):
        parse_all("ofac-csv", path)


@pytest.mark.parametrize("payload", [BOMB, EXTERNAL])
def test_xml_entities_are_refused(payload: str, tmp_path: Path):
    path = tmp_path / "sdn.xml"
    path.write_text(payload, encoding="utf-8")
    with pytest.raises(InputError, match="DTD or entities"):
        parse_all("ofac-xml", path)


def test_xml_truncated(samples: Path, tmp_path: Path):
    data = (samples / "sdn_sample.xml").read_bytes()
    path = tmp_path / "sdn.xml"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InputError, match=r"sdn.xml, line \d+: broken XML"):
        parse_all("ofac-xml", path)


def test_ftm_truncated_and_malformed_lines(samples: Path, tmp_path: Path):
    data = (samples / "ftm_sample.json").read_bytes()
    path = tmp_path / "entities.ftm.json"
    path.write_bytes(data[: len(data) - 100])
    with pytest.raises(InputError, match=r"entities.ftm.json, line 20: not a JSON object .*truncated"):
        parse_all("ftm", path)
    path.write_text('{"id":"a","schema":"Company","properties":{"name":["A"]}}\n{"id":"b","properties":{}}\n')
    with pytest.raises(InputError, match=r"entities.ftm.json, line 2, field schema"):
        parse_all("ftm", path)


def test_uflpa_truncated_and_bad_date(samples: Path, tmp_path: Path):
    text = (samples / "uflpa_sample.html").read_text(encoding="utf-8")
    path = tmp_path / "uflpa.html"
    path.write_text(text[: text.index("</tbody></table>")], encoding="utf-8")
    with pytest.raises(InputError, match="truncated"):
        parse_all("uflpa-html", path)
    path.write_text(text.replace("June 21, 2022", "21st of June"), encoding="utf-8")
    with pytest.raises(InputError, match=r"uflpa.html, line 7, field Effective Date: '21st of June'"):
        parse_all("uflpa-html", path)


def test_watchlist_csv_malformed_rows(tmp_path: Path):
    path = tmp_path / "mine.csv"
    path.write_text("name,country,date\nHoshine,CN,2022-06-21\n,CN,\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"mine.csv, line 3, field name: the name is empty"):
        parse_all("watchlist-csv", path)
    path.write_text("name,country,date\nHoshine,CN,21/06/2022\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"mine.csv, line 2, field date: '21/06/2022'"):
        parse_all("watchlist-csv", path)
    path.write_bytes("name,country\nH\xf6shine,CN\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"mine.csv, line 2: not UTF-8 text"):
        parse_all("watchlist-csv", path)


def test_detection_refuses_what_it_cannot_tell(tmp_path: Path):
    path = tmp_path / "notes.txt"
    path.write_text("Some notes about suppliers\nnothing tabular\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"Cannot tell which list format .*notes.txt.* --type"):
        detect_type(path)
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    with pytest.raises(InputError, match="binary"):
        detect_type(path)


def test_unknown_type_names_the_valid_ones():
    with pytest.raises(InputError, match="csl-csv, ofac-csv, ofac-xml, ftm, uflpa-html, watchlist-csv"):
        get_format("csv")
    assert set(FORMATS) == set(TYPES)


def test_a_bad_row_after_thousands_of_good_ones_leaves_the_store_untouched(
    store: Store, samples: Path, tmp_path: Path
):
    with store.session() as session:
        first = import_list(session, samples / "csl_sample.csv", "csl-csv")
    before = counts(store)
    header, row = (samples / "csl_sample.csv").read_text(encoding="utf-8").split("\n")[:2]
    path = tmp_path / "consolidated.csv"
    rows = [row.replace('"30882"', f'"{n}"', 1) for n in range(12_000)]
    rows.append(row.replace('"China Telecom Corporation Limited"', '""'))
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    with store.session() as session, pytest.raises(InputError, match=r"line 12002, field name: .* empty"):
        import_list(session, path, "csl-csv")
    assert counts(store) == before
    with store.session() as session:
        assert session.get(ListSnapshot, first.snapshot_id).rows == 25


def test_list_names_must_fit(store: Store, samples: Path):
    with store.session() as session, pytest.raises(InputError, match="longer than 120"):
        import_list(session, samples / "csl_sample.csv", name="x" * 121)
    with store.session() as session, pytest.raises(InputError, match="empty"):
        import_list(session, samples / "csl_sample.csv", name="  ")
    assert counts(store) == (0, 0, 0)


def _huge_name_files(tmp_path: Path, size: int) -> list[tuple[str, Path]]:
    """A list file of each kind whose second party has a name (or alias) of `size` characters."""
    huge = "X" * size
    xml = tmp_path / "sdn.xml"
    xml.write_text(
        '<?xml version="1.0"?><sdnList><sdnEntry><uid>1</uid><lastName>ALPHA COTTON</lastName>'
        "<sdnType>Entity</sdnType></sdnEntry>"
        f"<sdnEntry><uid>2</uid><lastName>{huge}</lastName><sdnType>Entity</sdnType></sdnEntry></sdnList>",
        encoding="utf-8",
    )
    ftm = tmp_path / "entities.ftm.json"
    ftm.write_text(
        '{"id":"a","schema":"Company","properties":{"name":["Alpha Cotton"]}}\n'
        f'{{"id":"b","schema":"Company","properties":{{"name":["Beta"],"alias":["{huge}"]}}}}\n',
        encoding="utf-8",
    )
    csv_file = tmp_path / "mine.csv"
    csv_file.write_text(f"name,country\nAlpha Cotton,CN\n{huge},CN\n", encoding="utf-8")
    return [("ofac-xml", xml), ("ftm", ftm), ("watchlist-csv", csv_file)]


def test_a_name_longer_than_any_listed_party_is_refused_naming_the_file(store: Store, tmp_path: Path):
    for list_type, path in _huge_name_files(tmp_path, 2_000_000):
        with store.session() as session, pytest.raises(InputError) as err:
            import_list(session, path, list_type)
        message = str(err.value)
        assert str(path) in message and "2,000,000 characters long" in message, message
        assert counts(store) == (0, 0, 0)


def test_names_up_to_the_bound_are_kept(store: Store, tmp_path: Path):
    _, path = _huge_name_files(tmp_path, 1_000)[2]
    with store.session() as session:
        result = import_list(session, path, "watchlist-csv")
    assert result.rows == 2
