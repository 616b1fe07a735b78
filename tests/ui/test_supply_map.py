"""The tracing view and supply-chain map: the T-shirt chain drawn and coloured, the flagged path, a
click showing the supplier and its documents, the pack exported from the app with the map in it."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from tests.tracing.helpers import XINJIANG_GIN, write_bom
from tests.ui.conftest import wait_idle
from workbench.data.store import Store
from workbench.tracing import import_trace
from workbench.ui.main_window import MainWindow
from workbench.ui.widgets.supply_map import FLAGGED, FLAGGED_EDGE, GAPS, NodeItem


def _traced(store: Store, path: Path, **changes: list[str]) -> None:
    with store.transaction() as s:
        import_trace(s, write_bom(path, **changes), actor="tester")


def _open(qtbot: QtBot, window: MainWindow):  # type: ignore[no-untyped-def]
    view = window.show_view("tracing")
    view.refresh()
    wait_idle(qtbot, window)
    qtbot.waitUntil(lambda: view.data is not None, timeout=30_000)
    return view


def test_map_colours_the_xinjiang_gin_and_draws_its_path(
    qtbot: QtBot, window: MainWindow, store: Store, tmp_path: Path
) -> None:
    _traced(store, tmp_path / "bom.csv", gin=XINJIANG_GIN)
    view = _open(qtbot, window)
    items = {i.node.node: i for i in view.map.items_by_id.values()}
    assert list(items) == ["garment", "fabric", "yarn", "lint", "gin"]
    assert items["gin"].brush().color() == FLAGGED and "XINJIANG" in _texts(items["gin"])
    assert items["garment"].brush().color() == GAPS and "missing" in _texts(items["garment"])
    xs = [items[k].pos().x() for k in ("garment", "fabric", "yarn", "lint", "gin")]
    assert xs == sorted(xs) and len(set(xs)) == 5  # one column per tier
    red_edges = [
        e
        for e in view.map.scene().items()
        if not isinstance(e, NodeItem) and hasattr(e, "path") and e.pen().color() == FLAGGED_EDGE
    ]
    assert len(red_edges) == 4  # garment -> fabric -> yarn -> lint -> gin
    assert "FLAGGED" in view.summary.text() and "garment → fabric → yarn → lint → gin" in view.summary.text()
    window.resize(1280, 760)
    qtbot.wait(50)
    window.grab().save(str(tmp_path / "tracing.png"))


def test_clicking_a_party_shows_its_supplier_and_documents(
    qtbot: QtBot, window: MainWindow, store: Store, tmp_path: Path
) -> None:
    _traced(store, tmp_path / "bom.csv", gin=XINJIANG_GIN)
    view = _open(qtbot, window)
    gin = next(i for i in view.map.items_by_id.values() if i.node.node == "gin")
    view.map.centerOn(gin)
    qtbot.wait(20)
    point = view.map.mapFromScene(gin.sceneBoundingRect().center())
    qtbot.mouseClick(view.map.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(point.x(), point.y()))
    assert view.node is not None and view.node.node == "gin"
    assert "Tarim Basin Ginning Co." in view.detail.text() and view.open_supplier.isEnabled()
    doc = tmp_path / "invoice.pdf"
    doc.write_bytes(b"%PDF-1.4 invoice")
    view.add_document(str(doc), "payment")
    assert view.documents.count() == 1 and "invoice.pdf" in view.documents.item(0).text()
    wait_idle(qtbot, window)
    view.open_supplier.click()
    assert window.current_key() == "suppliers" and window.ctx.current_supplier == view.node.supplier_id


def test_pack_export_from_the_app_carries_the_map(
    qtbot: QtBot, window: MainWindow, store: Store, tmp_path: Path, reviewer: str
) -> None:
    _traced(store, tmp_path / "bom.csv", gin=XINJIANG_GIN)
    view = _open(qtbot, window)
    out = tmp_path / "pack.zip"
    view.export_pack(str(out), "app passphrase")
    wait_idle(qtbot, window, timeout=120_000)
    with zipfile.ZipFile(out) as zf:
        manifest = json.loads(zf.read("manifest.json"))
        png = zf.read("flow-chart.png")
    assert png.startswith(b"\x89PNG") and len(png) > 5000
    assert [f["role"] for f in manifest["files"]] == ["flow chart"]
    from workbench.evidence import verify_pack

    assert verify_pack(out).ok


def test_a_500_party_chain_loads_off_the_ui_thread(
    qtbot: QtBot, window: MainWindow, store: Store, tmp_path: Path
) -> None:
    import csv

    path = tmp_path / "big.csv"
    with path.open("w", newline="", encoding="utf-8") as fh:
        out = csv.writer(fh)
        out.writerow(["product", "node", "parent", "supplier", "country", "region", "input"])
        parents = [""]
        for tier, count in enumerate((1, 4, 20, 95, 380)):
            keys = [f"t{tier}-{i}" for i in range(count)]
            for i, key in enumerate(keys):
                out.writerow(
                    ["Big", key, parents[i % len(parents)], f"Party {key}", "Vietnam", "", "cotton yarn"]
                )
            parents = keys
    with store.transaction() as s:
        import_trace(s, path)
    view = window.show_view("tracing")
    view.refresh()
    view.product.setCurrentText("Big")
    assert view.ctx.reader.running("trace-map") is not None  # the report is read in the background
    qtbot.waitUntil(lambda: view.data is not None and view.data.product == "Big", timeout=60_000)
    assert len(view.map.items_by_id) == 500
    rows = sorted({i.pos().y() for i in view.map.items_by_id.values() if i.node.tier == 5})
    assert len(rows) == 380  # the leaves do not overlap
    png = view.map.image_png()
    assert png.startswith(b"\x89PNG")


def _texts(item: NodeItem) -> str:
    return " ".join(c.text() for c in item.childItems())
