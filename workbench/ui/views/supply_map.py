"""Supply-chain tracing: pick a traced product, see its map, click a party for its supplier and
documents, work through the evidence gaps, import a bill of materials, add documents, export the pack."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from workbench.cases.decisions import get_reviewer_name
from workbench.evidence import FAMILIES, add_document, build_pack, stored_path
from workbench.evidence.content import FLOW_CHART_NAME
from workbench.evidence.pack import PackResult
from workbench.memo.export import screen_if_needed
from workbench.memo.identity import local_identity
from workbench.progress import TaskState
from workbench.tracing import find_product, import_trace, trace_report
from workbench.tracing.gaps import family_names
from workbench.tracing.layout import tree_layout
from workbench.tracing.queries import DocumentRow, NodeReport, node_documents, traced_product_names
from workbench.ui import context as topics
from workbench.ui.context import AppContext
from workbench.ui.html_text import esc
from workbench.ui.views.base import View
from workbench.ui.widgets.supply_map import SupplyMap

TRACING = "tracing"


@dataclass(frozen=True)
class MapData:
    """What the view shows of one product, read off the UI thread."""

    product: str
    flagged: bool
    nodes: tuple[NodeReport, ...]
    paths: tuple[tuple[str, ...], ...]
    layout: dict[str, tuple[int, float]]
    gaps: tuple[str, ...]


def load_map(session: Session, name: str) -> MapData:
    """The report of a traced product laid out for the map (runs in a worker)."""
    report = trace_report(session, find_product(session, name))
    names = family_names()
    gaps = tuple(
        f"Tier {g.tier} · {g.node}: {names.get(g.family, g.family)} — {g.expected} ({g.status})"
        for g in report.checklist.gaps
        if g.open
    )
    return MapData(
        report.product.name, report.flagged, report.nodes, report.paths, tree_layout(report.nodes), gaps
    )


class TracingView(View):
    key = "tracing"
    title = "Supply-chain tracing"
    topics = frozenset({TRACING, topics.SUPPLIERS, topics.MATCHES})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.data: MapData | None = None
        self.node: NodeReport | None = None
        self.product = QComboBox()
        self.product.setMinimumWidth(240)
        self.product.currentTextChanged.connect(self.load_product)
        self.header_tools.addWidget(self.product)
        for label, slot in (
            ("Import bill of materials…", self.import_bom),
            ("Add document…", self.add_document),
            ("Export pack…", self.export_pack),
        ):
            button = QPushButton(label)
            button.clicked.connect(slot)
            self.header_tools.addWidget(button)
        self.summary = QLabel("Import a bill of materials to trace a product.")
        self.summary.setWordWrap(True)
        self.body.addWidget(self.summary)
        split = QSplitter(Qt.Orientation.Horizontal)
        self.map = SupplyMap()
        self.map.node_clicked.connect(self.select_node)
        split.addWidget(self.map)
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        self.detail = QLabel("Click a party on the map.")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.RichText)
        self.open_supplier = QPushButton("Open supplier")
        self.open_supplier.setEnabled(False)
        self.open_supplier.clicked.connect(self._open_supplier)
        self.documents = QListWidget()
        self.documents.itemActivated.connect(self._open_document)
        self.gaps = QListWidget()
        for widget in (
            self.detail,
            self.open_supplier,
            QLabel("Documents on file (double-click to open)"),
            self.documents,
            QLabel("Evidence gaps"),
            self.gaps,
        ):
            side_layout.addWidget(widget)
        split.addWidget(side)
        split.setSizes([700, 320])
        self.body.addWidget(split, 1)
        self.refresh()

    # ---------------------------------------------------------------- loading

    def refresh(self) -> None:
        names = self.ctx.read(traced_product_names)
        current = self.product.currentText()
        self.product.blockSignals(True)
        self.product.clear()
        self.product.addItems(names)
        if current in names:
            self.product.setCurrentText(current)
        self.product.blockSignals(False)
        self.load_product(self.product.currentText())

    def load_product(self, name: str) -> None:
        """Read and lay out the product in the background, then draw it."""
        if not name:
            return
        self.summary.setText(f"Loading {esc(name)}…")
        self.ctx.reader.start(
            f"Loading {name}",
            lambda session, _state: load_map(session, name),
            success=self._show,
            key="trace-map",
        )

    def _show(self, data: MapData) -> None:
        self.data = data
        self.map.show_nodes(data.nodes, data.layout, data.paths)
        state = "<b style='color:#b03a2e'>FLAGGED</b>" if data.flagged else "no flags"
        paths = "".join(f"<br>Path: {esc(' → '.join(p))}" for p in data.paths)
        self.summary.setText(
            f"<b>{esc(data.product)}</b>: {state}, {len(data.nodes)} parties, {len(data.gaps)} open evidence "
            f"gaps.{paths}"
        )
        self.gaps.clear()
        self.gaps.addItems(list(data.gaps))
        if self.node is not None and self.node.id in self.map.items_by_id:
            self.select_node(self.node.id)

    # ---------------------------------------------------------------- a party and its documents

    def select_node(self, node_id: int) -> None:
        item = self.map.items_by_id.get(node_id)
        if item is None:
            return
        n = self.node = item.node
        flags = "".join(f"<li>{esc(str(f))}</li>" for f in n.flags)
        self.detail.setText(
            f"<h3>{esc(n.supplier)}</h3><p>Tier {n.tier}, node {esc(n.node)}: {esc(n.input)} from "
            f"{esc(', '.join(x for x in (n.region, n.country) if x))}</p>"
            + (f"<ul>{flags}</ul>" if flags else "<p>No flags.</p>")
            + (f"<p>Missing: {esc(', '.join(n.missing))}</p>" if n.missing else "")
        )
        self.open_supplier.setEnabled(n.supplier_id is not None)
        self.documents.clear()
        for doc in self.ctx.read(lambda s: node_documents(s, node_id)):
            self.documents.addItem(_document_item(doc))

    def _open_supplier(self) -> None:
        if self.node is not None and self.node.supplier_id is not None:
            self.ctx.select_supplier(self.node.supplier_id)
            window = self.window()
            if hasattr(window, "show_view"):
                window.show_view("suppliers")

    def _open_document(self, item: QListWidgetItem) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(stored_path(item.data(Qt.ItemDataRole.UserRole)))))

    # ---------------------------------------------------------------- actions

    def import_bom(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Import bill of materials", "", "CSV or XLSX (*.csv *.xlsx)"
        )
        if path:
            self.run_import(Path(path))

    def run_import(self, path: Path) -> None:
        """Import the file and screen new suppliers in the background."""

        def op(session: Session, _state: TaskState) -> list[str]:
            summary = import_trace(session, path, actor=get_reviewer_name(session) or None)
            screen_if_needed(session, summary.supplier_ids)
            return summary.products

        def success(products: list[str]) -> None:
            self.ctx.announce(TRACING, topics.SUPPLIERS)
            if products:
                self.product.setCurrentText(products[0])

        self.ctx.runner.start(
            f"Importing {path.name}", op, success=success, failure=self._failed, key="trace-import"
        )

    def add_document(self, file: str = "", family: str = "") -> None:
        """Attach a document to the selected party (asks for the file and the CBP family)."""
        if self.node is None or self.data is None:
            self.ctx.status.emit("Click a party on the map first.")
            return
        if not file:
            file, _ = QFileDialog.getOpenFileName(self, f"Document for {self.node.supplier}")
        if not family:
            family, ok = QInputDialog.getItem(
                self, "Document family", "CBP document family:", list(FAMILIES), 0, False
            )
            if not ok:
                return
        if not file:
            return
        product, node, node_id = self.data.product, self.node.node, self.node.id
        self.ctx.write(
            lambda s: add_document(
                s, find_product(s, product), node, file, family, actor=get_reviewer_name(s) or None
            ),
            [TRACING],
        )
        self.select_node(node_id)

    def export_pack(self, out: str = "", passphrase: str = "") -> None:
        """Ask for the file and the passphrase; build the signed pack in the background, with progress."""
        if self.data is None:
            self.ctx.status.emit("Choose a traced product first.")
            return
        reviewer = self.ctx.read(get_reviewer_name)
        if not reviewer:
            self.ctx.status.emit("Set your reviewer name in File ▸ Settings first.")
            return
        if not out:
            out, _ = QFileDialog.getSaveFileName(self, "Export pack", "pack.zip", "Zip (*.zip)")
        if out and not passphrase:
            passphrase, _ok = QInputDialog.getText(
                self, "Sign the pack", "Passphrase of your signing identity:", QLineEdit.EchoMode.Password
            )
        if not out or not passphrase:
            return
        product, image = self.data.product, self.map.image_png()

        def op(session: Session, state: TaskState) -> PackResult:
            identity = local_identity(reviewer, "", passphrase)
            return build_pack(
                session,
                find_product(session, product),
                out,
                identity,
                reviewer,
                extra={FLOW_CHART_NAME: image},
                state=state,
            )

        def success(result: PackResult) -> None:
            self.ctx.status.emit(f"Wrote {result.path}: pack {result.pack_id}, {result.files} files")

        self.ctx.runner.start(
            "Exporting the pack", op, success=success, failure=self._failed, key="pack-export"
        )

    def _failed(self, exc: BaseException) -> None:
        from workbench.ui.dialogs import show_error

        show_error(self, "Supply-chain tracing", exc)


def _document_item(doc: DocumentRow) -> QListWidgetItem:
    when = f", {doc.issued_on.isoformat()}" if doc.issued_on else ""
    lang = f", {doc.language}{' + translation' if doc.translated else ''}" if doc.language else ""
    item = QListWidgetItem(f"{doc.file_name} — {doc.family}{', ' + doc.kind if doc.kind else ''}{when}{lang}")
    item.setToolTip(f"SHA-256 {doc.sha256}")
    item.setData(Qt.ItemDataRole.UserRole, doc.sha256)
    return item
