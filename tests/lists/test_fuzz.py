"""Fuzzing: whatever bytes a parser gets, it yields entries or raises InputError, nothing else."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workbench.errors import InputError
from workbench.lists import TYPES, detect_type, get_format
from workbench.lists.entry import ENTRY_TYPES, KEY_MAX
from workbench.lists.uflpa_html import parse_name_cell

DATA = Path(__file__).resolve().parent.parent / "data" / "lists"
SAMPLES = {
    "csl-csv": "csl_sample.csv",
    "ofac-csv": "sdn_sample.csv",
    "ofac-xml": "sdn_sample.xml",
    "ftm": "ftm_sample.json",
    "uflpa-html": "uflpa_sample.html",
    "watchlist-csv": "watchlist_sample.csv",
}
INSERTS = [
    b'"',
    b",",
    b"\n",
    b"\r\n",
    b"\x1a",
    b"<",
    b">",
    b"{",
    b"\x00",
    b"-0- ",
    b"(",
    b")",
    b";",
    b"&lol;",
    "é".encode(),
    b"\xff",
]
JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
FTM_SCHEMAS = ["Person", "Company", "Organization", "Sanction", "Address", "LegalEntity", "Vessel", 1, None]
PROPS = ["name", "alias", "country", "address", "topics", "entity", "program", "listingDate", "sourceUrl"]
FUZZ = settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@st.composite
def mutated(draw: st.DrawFn, sample: bytes) -> bytes:
    """The sample cut, with bytes flipped, inserted or deleted at random places."""
    data = bytearray(sample[: draw(st.integers(0, len(sample)))] if draw(st.booleans()) else sample)
    for _ in range(draw(st.integers(0, 8))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        action = draw(st.sampled_from(["flip", "insert", "delete"]))
        if action == "flip":
            data[at] = draw(st.integers(0, 255))
        elif action == "insert":
            data[at:at] = draw(st.sampled_from(INSERTS))
        else:
            del data[at]
    return bytes(data)


def run_parser(list_type: str, data: bytes, name: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / name
        path.write_bytes(data)
        try:
            entries = list(get_format(list_type).parse(path, None))
        except InputError as exc:
            assert str(exc)
            return
        for entry in entries:
            assert entry.name and entry.entry_key and len(entry.entry_key) <= KEY_MAX
            assert entry.type in ENTRY_TYPES


@pytest.mark.parametrize("list_type", TYPES)
@FUZZ
@given(data=st.data())
def test_mutated_samples(list_type: str, data: st.DataObject):
    sample = (DATA / SAMPLES[list_type]).read_bytes()
    run_parser(list_type, data.draw(mutated(sample)), SAMPLES[list_type])


@pytest.mark.parametrize("list_type", TYPES)
@FUZZ
@given(blob=st.binary(max_size=2000))
def test_random_bytes(list_type: str, blob: bytes):
    run_parser(list_type, blob, "list.dat")


@pytest.mark.parametrize("list_type", TYPES)
@FUZZ
@given(text=st.text(max_size=800))
def test_random_text(list_type: str, text: str):
    run_parser(list_type, text.encode("utf-8"), "list.dat")


@FUZZ
@given(blob=st.binary(max_size=500))
def test_detection_never_crashes(blob: bytes):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "list.dat"
        path.write_bytes(blob)
        with contextlib.suppress(InputError):
            assert detect_type(path) in TYPES


@FUZZ
@given(cell=st.lists(st.sampled_from([*"ab ();:,.", "alias", "and one alias: ", "a.k.a. "])).map("".join))
def test_name_cells_never_crash(cell: str):
    name, aliases, _scope = parse_name_cell(cell)
    assert isinstance(name, str) and all(aliases)


@FUZZ
@given(
    lines=st.lists(
        st.fixed_dictionaries(
            {
                "id": st.text(min_size=1, max_size=300) | JSON,
                "schema": st.sampled_from(FTM_SCHEMAS),
                "caption": JSON,
            },
            optional={"properties": st.dictionaries(st.sampled_from(PROPS), JSON | st.lists(st.text()))},
        ),
        max_size=6,
    )
)
def test_ftm_structured(lines: list[dict]):
    run_parser("ftm", "\n".join(json.dumps(line) for line in lines).encode("utf-8"), "entities.ftm.json")


FIELD = st.text(max_size=30) | st.sampled_from(["-0- ", "2022-06-21", "CN", "a; b", "Entity", "Individual"])


@pytest.mark.parametrize(("list_type", "width"), [("csl-csv", 29), ("ofac-csv", 12), ("watchlist-csv", 7)])
@FUZZ
@given(data=st.data())
def test_csv_structured(list_type: str, width: int, data: st.DataObject):
    exact = st.lists(FIELD, min_size=width, max_size=width)
    rows = data.draw(st.lists(exact | st.lists(FIELD, min_size=1, max_size=30), max_size=6))
    sample = (DATA / SAMPLES[list_type]).read_text(encoding="utf-8").splitlines()
    out = io.StringIO()
    writer = csv.writer(out, quoting=csv.QUOTE_ALL, lineterminator="\n")
    writer.writerows(rows)
    header = [] if list_type == "ofac-csv" else [sample[0]]
    run_parser(list_type, "\n".join([*header, out.getvalue()]).encode("utf-8"), SAMPLES[list_type])


@FUZZ
@given(ident=st.text(max_size=5), name=st.text(min_size=1, max_size=10))
def test_ftm_ids_and_names_of_control_characters(ident: str, name: str):
    line = json.dumps({"id": ident or "\x00", "schema": "Company", "properties": {"name": [name]}})
    run_parser("ftm", line.encode("utf-8"), "entities.ftm.json")
