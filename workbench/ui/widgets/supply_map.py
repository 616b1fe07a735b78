"""The supply-chain map: the imported good on the left, raw materials on the right, one box per party.

Boxes are coloured by risk (red: flagged, amber: evidence gaps, green: complete), listed entities
and Xinjiang nodes carry a badge, and each box shows how many expected documents are missing.
Clicking a box emits `node_clicked(node id)`. Positions come from `workbench.tracing.layout`.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QImage, QMouseEvent, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsPathItem,
    QGraphicsRectItem,
    QGraphicsScene,
    QGraphicsSimpleTextItem,
    QGraphicsView,
    QWidget,
)

from workbench.tracing.queries import NodeReport

BOX_W, BOX_H = 230.0, 66.0
COL_GAP, ROW_GAP = 70.0, 14.0
MIN_FIT_SCALE = 0.6  # below this the text is too small to read
FLAGGED, GAPS, COMPLETE = QColor("#f6d5d1"), QColor("#fbeccb"), QColor("#d7efdf")
FLAGGED_EDGE, NORMAL_EDGE = QColor("#b03a2e"), QColor("#8a96a3")
BADGES = {
    "uflpa": "UFLPA LIST",
    "xinjiang": "XINJIANG",
    "wro": "WRO",
    "sanctions": "SANCTIONS",
    "entity_list": "ENTITY LIST",
}


def risk_colour(node: NodeReport) -> QColor:
    """Red for a flagged node, amber for one with open evidence gaps, green otherwise."""
    if node.flags:
        return FLAGGED
    return GAPS if node.open_gaps else COMPLETE


class NodeItem(QGraphicsRectItem):
    """One party of the chain."""

    def __init__(self, node: NodeReport, x: float, y: float) -> None:
        super().__init__(0, 0, BOX_W, BOX_H)
        self.node = node
        self.setPos(x, y)
        self.setBrush(QBrush(risk_colour(node)))
        self.setPen(QPen(FLAGGED_EDGE if node.flags else NORMAL_EDGE, 2 if node.flags else 1))
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIsSelectable)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        bold = QFont()
        bold.setBold(True)
        self._text(node.supplier or "(no supplier)", 6, 4, bold)
        origin = ", ".join(x for x in (node.region, node.country) if x)
        self._text(f"{node.input} · {origin}", 6, 24)
        badges = " ".join(dict.fromkeys(BADGES.get(f.code, f.code.upper()) for f in node.flags))
        missing = f"{node.open_gaps} missing" if node.open_gaps else "evidence complete"
        self._text(f"{badges}  {missing}".strip(), 6, 44, bold if node.flags else None)
        tip = [f"Node {node.node} (tier {node.tier}), {node.documents} documents"] + [
            str(f) for f in node.flags
        ]
        self.setToolTip("\n".join(tip))

    def _text(self, text: str, x: float, y: float, font: QFont | None = None) -> None:
        item = QGraphicsSimpleTextItem(text if len(text) <= 34 else text[:33] + "…", self)
        if font is not None:
            item.setFont(font)
        item.setPos(x, y)


class SupplyMap(QGraphicsView):
    """The map view; `show_nodes` draws a chain, `image_png` exports it."""

    node_clicked = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setScene(QGraphicsScene(self))
        self.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.BoundingRectViewportUpdate)
        self.items_by_id: dict[int, NodeItem] = {}

    def show_nodes(
        self,
        nodes: Sequence[NodeReport],
        layout: dict[str, tuple[int, float]],
        paths: Sequence[Sequence[str]],
    ) -> None:
        """Draw the chain: `layout` gives (column, row) per node key; `paths` lead to flagged nodes."""
        scene = self.scene()
        scene.clear()
        self.items_by_id = {}
        by_key: dict[str, NodeItem] = {}
        for n in nodes:
            col, row = layout[n.node]
            item = NodeItem(n, col * (BOX_W + COL_GAP), row * (BOX_H + ROW_GAP))
            scene.addItem(item)
            by_key[n.node] = item
            self.items_by_id[n.id] = item
        on_path = {(p[i], p[i + 1]) for p in paths for i in range(len(p) - 1)}
        for n in nodes:
            if n.parent in by_key:
                self._edge(by_key[n.parent], by_key[n.node], (n.parent, n.node) in on_path)
        scene.setSceneRect(scene.itemsBoundingRect().adjusted(-20, -20, 20, 20))
        self._fit(by_key[nodes[0].node] if nodes else None)

    def _fit(self, top: NodeItem | None) -> None:
        """Show the whole chain when it fits legibly; otherwise start at the imported good."""
        rect, view = self.scene().sceneRect(), self.viewport().rect()
        scale = min(1.0, view.width() / max(rect.width(), 1.0), view.height() / max(rect.height(), 1.0))
        self.resetTransform()
        if scale >= MIN_FIT_SCALE:
            self.scale(scale, scale)
            self.centerOn(rect.center())
        elif top is not None:
            self.centerOn(top)

    def _edge(self, parent: NodeItem, child: NodeItem, flagged: bool) -> None:
        start = parent.pos() + QPointF(BOX_W, BOX_H / 2)
        end = child.pos() + QPointF(0, BOX_H / 2)
        path = QPainterPath(start)
        mid = (start.x() + end.x()) / 2
        path.cubicTo(QPointF(mid, start.y()), QPointF(mid, end.y()), end)
        edge = QGraphicsPathItem(path)
        edge.setPen(QPen(FLAGGED_EDGE if flagged else NORMAL_EDGE, 3 if flagged else 1.2))
        edge.setZValue(-1)
        self.scene().addItem(edge)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        super().mousePressEvent(event)
        item = self.itemAt(event.position().toPoint())
        while item is not None and not isinstance(item, NodeItem):
            item = item.parentItem()
        if isinstance(item, NodeItem):
            self.node_clicked.emit(item.node.id)

    def image_png(self, max_side: int = 3000) -> bytes:
        """The whole map as PNG (scaled down to at most `max_side` pixels on its longer side)."""
        rect = self.scene().sceneRect()
        scale = min(1.5, max_side / max(rect.width(), rect.height(), 1.0))
        image = QImage(int(rect.width() * scale), int(rect.height() * scale), QImage.Format.Format_RGB32)
        image.fill(QColor("white"))
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        self.scene().render(painter, QRectF(image.rect()), rect)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        return bytes(data.data())
