"""A horizontal bar chart drawn with QPainter (no QtCharts dependency)."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QMouseEvent, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

from workbench.ui import theme


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    color: str


class BarChart(QWidget):
    """Labelled horizontal bars with their value, scaled to the largest; a click on a bar emits its index."""

    bar_clicked = Signal(int)

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = title
        self.bars: list[Bar] = []
        self.empty_text = "Nothing to show yet."
        self.rows: list[QRectF] = []  # each bar's row as last painted (what a click hits)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setMinimumHeight(160)

    def set_bars(self, bars: list[Bar]) -> None:
        self.bars = list(bars)
        self.setAccessibleDescription(", ".join(f"{b.label}: {b.value}" for b in self.bars))
        self.updateGeometry()
        self.update()

    def bar_at(self, x: float, y: float) -> int | None:
        """The index of the bar whose row contains the point, or None."""
        return next((i for i, row in enumerate(self.rows) if row.contains(x, y)), None)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        index = self.bar_at(event.position().x(), event.position().y())
        if index is not None and event.button() == Qt.MouseButton.LeftButton:
            self.bar_clicked.emit(index)
            return
        super().mousePressEvent(event)

    def sizeHint(self) -> QSize:
        return QSize(420, 48 + 34 * max(len(self.bars), 3))

    def paintEvent(self, _event: QPaintEvent) -> None:
        scheme = theme.current()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = QFontMetrics(self.font())
        rect = self.rect().adjusted(12, 10, -12, -10)
        top = rect.top()
        if self.title:
            bold = self.font()
            bold.setBold(True)
            p.setFont(bold)
            p.setPen(QColor(scheme.text))
            p.drawText(rect.left(), top + fm.ascent(), self.title)
            p.setFont(self.font())
            top += fm.height() + 10
        total = sum(b.value for b in self.bars)
        self.rows = []
        if not self.bars or total == 0:
            p.setPen(QColor(scheme.muted))
            p.drawText(
                QRectF(rect.left(), top, rect.width(), rect.bottom() - top),
                Qt.AlignmentFlag.AlignCenter,
                self.empty_text,
            )
            return
        label_w = max(fm.horizontalAdvance(b.label) for b in self.bars) + 12
        value_w = fm.horizontalAdvance(f"{max(b.value for b in self.bars):,} (100%)") + 12
        bar_area = max(rect.width() - label_w - value_w, 20)
        row_h = min(34, max((rect.bottom() - top) // len(self.bars), fm.height() + 6))
        peak = max(b.value for b in self.bars) or 1
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        for i, bar in enumerate(self.bars):
            y = top + i * row_h
            self.rows.append(QRectF(rect.left(), y, rect.width(), row_h))
            p.setPen(QColor(scheme.text))
            p.drawText(
                QRectF(rect.left(), y, label_w - 8, row_h),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight,
                bar.label,
            )
            width = bar_area * bar.value / peak
            bar_h = row_h * 0.62
            bar_rect = QRectF(rect.left() + label_w, y + (row_h - bar_h) / 2, max(width, 2), bar_h)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(bar.color))
            p.drawRoundedRect(bar_rect, 3, 3)
            p.setPen(QColor(scheme.muted))
            share = round(100 * bar.value / total)
            p.drawText(
                QRectF(bar_rect.right() + 8, y, value_w, row_h),
                Qt.AlignmentFlag.AlignVCenter,
                f"{bar.value:,} ({share}%)",
            )
