"""Trace import: all rows or none, errors naming the file and line, XLSX, re-import by node."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from tests.tracing.helpers import CLEAN, HEADER, PRODUCT, write_bom
from workbench.data.models import EvidenceDocument, Supplier, TracedProduct, TraceNode
from workbench.data.store import Store
from workbench.errors import InputError
from workbench.evidence import add_document
from workbench.tracing import find_product, import_trace


def _count(store: Store, model: type) -> int:
    with store.session() as s:
        return s.scalar(select(func.count()).select_from(model)) or 0


def _import(store: Store, path: Path) -> None:
    with store.transaction() as s:
        import_trace(s, path, actor="tester")


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"fabric": ["garment", "", "Bangladesh", "", "fabric", "", "", "", ""]},
            "line 3: 'supplier' is empty",
        ),
        ({"yarn": ["fabrik", *CLEAN["yarn"][1:]]}, "line 4: parent 'fabrik' is not a node"),
        ({"yarn": ["", *CLEAN["yarn"][1:]]}, "exactly one node with an empty parent"),
        ({"garment": ["gin", *CLEAN["garment"][1:]]}, "is its own ancestor"),
        ({"lint": [*CLEAN["lint"][:5], "520", *CLEAN["lint"][6:]]}, "line 5: '520' is not an HS code"),
    ],
)
def test_bad_rows_import_nothing_and_name_the_line(
    sqlite_store: Store, tmp_path: Path, changes: dict[str, list[str]], message: str
) -> None:
    path = write_bom(tmp_path / "bom.csv", **changes)
    with pytest.raises(InputError) as err:
        _import(sqlite_store, path)
    assert message in str(err.value) and str(path) in str(err.value)
    assert _count(sqlite_store, TracedProduct) == 0
    assert _count(sqlite_store, TraceNode) == 0
    assert _count(sqlite_store, Supplier) == 0


def test_duplicate_node_names_both_lines(sqlite_store: Store, tmp_path: Path) -> None:
    path = write_bom(tmp_path / "bom.csv")
    with path.open("a", encoding="utf-8") as fh:
        fh.write(f"{PRODUCT},yarn,fabric,Other Mill,India,,yarn,,,,\n")
    with pytest.raises(InputError, match=r"line 7: node 'yarn' .* already on line 4"):
        _import(sqlite_store, path)
    assert _count(sqlite_store, TraceNode) == 0


def test_missing_and_unknown_columns_are_named(sqlite_store: Store, tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_text("product,node,parent,suplier,country,region,input\n", encoding="utf-8")
    with pytest.raises(
        InputError, match=r"line 1: required column\(s\) supplier missing; unknown column\(s\) suplier"
    ):
        _import(sqlite_store, path)


def test_xlsx_import_and_existing_suppliers_are_reused(sqlite_store: Store, tmp_path: Path) -> None:
    import openpyxl

    with sqlite_store.transaction() as s:
        s.add(Supplier(legal_name="Pearl Fabrics Ltd.", country="Bangladesh"))
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER)
    for node, values in CLEAN.items():
        sheet.append([PRODUCT, node, *values])
    book.save(tmp_path / "bom.xlsx")
    _import(sqlite_store, tmp_path / "bom.xlsx")
    assert _count(sqlite_store, Supplier) == 5  # four new, Pearl Fabrics reused
    with sqlite_store.session() as s:
        nodes = {n.key: n for n in find_product(s, PRODUCT).nodes}
        assert nodes["garment"].document_refs == ["PO-4411", "INV-9"]
        assert nodes["fabric"].supplier.legal_name == "Pearl Fabrics Ltd."
        assert nodes["gin"].supplier.tier == 5
        assert nodes["lint"].parent_id == nodes["yarn"].id


def test_reimport_updates_by_node_and_keeps_documented_nodes(sqlite_store: Store, tmp_path: Path) -> None:
    _import(sqlite_store, write_bom(tmp_path / "bom.csv"))
    doc = tmp_path / "invoice.pdf"
    doc.write_bytes(b"%PDF-1.4 invoice")
    with sqlite_store.transaction() as s:
        add_document(s, find_product(s, PRODUCT), "gin", doc, "payment", actor="tester")
    changed = write_bom(
        tmp_path / "bom2.csv", lint=[*CLEAN["lint"][:4], "carded cotton lint", *CLEAN["lint"][5:]]
    )
    _import(sqlite_store, changed)
    with sqlite_store.session() as s:
        nodes = {n.key: n for n in find_product(s, PRODUCT).nodes}
        assert len(nodes) == 5 and nodes["lint"].input == "carded cotton lint"
    short = tmp_path / "short.csv"
    short.write_text(
        "\n".join(changed.read_text(encoding="utf-8").splitlines()[:-1]) + "\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match="gin have documents on file"):
        _import(sqlite_store, short)
    assert _count(sqlite_store, TraceNode) == 5 and _count(sqlite_store, EvidenceDocument) == 1
