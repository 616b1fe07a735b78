"""The story writer of the memo: every piece of user text goes through `markup`; tables that split."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Table, TableStyle

from workbench.memo.content import SupplierSection
from workbench.memo.fonts import SERIF, SERIF_BOLD, markup, styled
from workbench.memo.layout import ACCENT, PENDING_BG, RULE, styles

MARGIN = 22 * mm
# Split inside a table row only when this much room is left (rows taller than that); shorter
# rows move to the next page whole, which keeps one header per page.
IN_ROW_SPLIT_MIN = 220
IN_ROW_PIECE_MIN = 36


class SplittingTable(Table):
    """A table whose rows split across pages only when a row cannot fit otherwise."""

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        self.splitInRow = 0
        parts = super().split(availWidth, availHeight)
        if parts or availHeight < IN_ROW_SPLIT_MIN:
            return parts
        self.splitInRow = IN_ROW_PIECE_MIN
        try:
            return super().split(availWidth, availHeight)
        finally:
            self.splitInRow = 0


CONTENT_WIDTH = A4[0] - 2 * MARGIN
NO_PADDING = {"leftPadding": 0, "rightPadding": 0, "topPadding": 0, "bottomPadding": 0}


def iso(value: date | None) -> str:
    """ISO date or an empty string."""
    return value.isoformat() if value else ""


class Writer:
    """Builds the story; every piece of user text goes through `markup`."""

    def __init__(self) -> None:
        self.st = styles()
        self.story: list[Flowable] = []

    def p(self, text: object, style: str = "body", bold: bool = False) -> Paragraph:
        return Paragraph(styled(text, SERIF_BOLD) if bold else markup(text, SERIF), self.st[style])

    def raw(self, fragments: Sequence[tuple[object, bool]], style: str = "body") -> Paragraph:
        """A paragraph of (text, bold) fragments, each escaped."""
        body = "".join(styled(t, SERIF_BOLD) if b else markup(t, SERIF) for t, b in fragments)
        return Paragraph(body, self.st[style])

    def add(self, *items: Flowable) -> None:
        self.story.extend(items)

    def heading(self, text: str, level: str = "h1") -> None:
        self.add(CondPageBreak(40 * mm if level == "h1" else 35 * mm), self.p(text, level, bold=True))

    def bullets(self, items: Iterable[object], style: str = "bullet") -> None:
        for item in items:
            self.add(Paragraph(markup(item), self.st[style], bulletText="•"))

    def table(
        self,
        header: Sequence[str],
        rows: Sequence[Sequence[object]],
        widths: Sequence[float],
        shaded_rows: Iterable[int] = (),
    ) -> Table:
        """A table whose header repeats on every page it spans; cells wrap."""
        data: list[list[Flowable]] = [[Paragraph(markup(h, SERIF_BOLD), self.st["cellhead"]) for h in header]]
        for row in rows:
            data.append([c if isinstance(c, Flowable) else self.p(c, "cell") for c in row])
        table = SplittingTable(
            data,
            colWidths=[w * CONTENT_WIDTH for w in widths],
            repeatRows=1,
            splitByRow=1,
        )
        commands: list[tuple] = [
            ("BACKGROUND", (0, 0), (-1, 0), ACCENT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LINEBELOW", (0, 0), (-1, -1), 0.4, RULE),
            ("TOPPADDING", (0, 0), (-1, -1), 3),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
            ("LEFTPADDING", (0, 0), (-1, -1), 4),
            ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ]
        commands += [("BACKGROUND", (0, i + 1), (-1, i + 1), PENDING_BG) for i in shaded_rows]
        table.setStyle(TableStyle(commands))
        return table

    def fields(self, pairs: Sequence[tuple[str, object]]) -> Table:
        """A two-column label/value block."""
        rows = [[self.p(k, "label", bold=True), self.p(v, "cell")] for k, v in pairs if v not in ("", None)]
        table = SplittingTable(rows, colWidths=[0.26 * CONTENT_WIDTH, 0.74 * CONTENT_WIDTH])
        table.setStyle(
            TableStyle(
                [
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, RULE),
                    ("TOPPADDING", (0, 0), (-1, -1), 2.5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                ]
            )
        )
        return table


def display_name(s: SupplierSection) -> str:
    return f"{s.name} ({s.local_name})" if s.local_name and s.local_name != s.name else s.name
