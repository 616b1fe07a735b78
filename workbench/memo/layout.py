"""Page furniture of the memo: styles, header/footer with "Page X of Y", signature placeholder."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_LEFT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from workbench.memo.fonts import SANS, SERIF, SERIF_BOLD, markup, register_fonts

INK = colors.HexColor("#1f2a36")
ACCENT = colors.HexColor("#23415f")
MUTED = colors.HexColor("#5b6670")
RULE = colors.HexColor("#b7c0c8")
SHADE = colors.HexColor("#eef1f4")
PENDING_BG = colors.HexColor("#fff1cc")
ALERT = colors.HexColor("#8a1c1c")

SIGNATURE_SIZE = (80 * mm, 24 * mm)


def styles() -> dict[str, ParagraphStyle]:
    """The paragraph styles of the memo."""
    register_fonts()
    base = ParagraphStyle(
        "body",
        fontName=SERIF,
        bulletFontName=SERIF,  # the default bullet font is the unembedded Helvetica
        fontSize=9.5,
        leading=13,
        textColor=INK,
        alignment=TA_LEFT,
    )
    return {
        "body": base,
        "small": ParagraphStyle("small", parent=base, fontSize=8, leading=10.5),
        "cell": ParagraphStyle("cell", parent=base, fontSize=8, leading=10.2),
        "cellhead": ParagraphStyle(
            "cellhead", parent=base, fontName=SERIF_BOLD, fontSize=8, leading=10.2, textColor=colors.white
        ),
        "label": ParagraphStyle(
            "label", parent=base, fontName=SERIF_BOLD, fontSize=8, leading=10.2, textColor=MUTED
        ),
        "kicker": ParagraphStyle(
            "kicker", parent=base, fontName=SANS, fontSize=8, leading=10, textColor=MUTED, spaceAfter=2
        ),
        "title": ParagraphStyle(
            "title", parent=base, fontName=SERIF_BOLD, fontSize=17, leading=21, textColor=ACCENT, spaceAfter=8
        ),
        "h1": ParagraphStyle(
            "h1",
            parent=base,
            fontName=SERIF_BOLD,
            fontSize=12.5,
            leading=16,
            textColor=ACCENT,
            spaceBefore=12,
            spaceAfter=5,
            keepWithNext=1,
        ),
        "h2": ParagraphStyle(
            "h2",
            parent=base,
            fontName=SERIF_BOLD,
            fontSize=10.5,
            leading=14,
            textColor=ACCENT,
            spaceBefore=9,
            spaceAfter=3,
            keepWithNext=1,
        ),
        "bullet": ParagraphStyle("bullet", parent=base, leftIndent=12, bulletIndent=2, spaceAfter=1.5),
        "smallbullet": ParagraphStyle(
            "smallbullet", parent=base, fontSize=8, leading=10.5, leftIndent=12, bulletIndent=2
        ),
        "note": ParagraphStyle("note", parent=base, fontSize=8.5, leading=11.5, textColor=MUTED),
    }


@dataclass
class SignatureSlot:
    """Where the signature placeholder was drawn: 0-based page index and box in PDF points."""

    page_index: int = -1
    box: tuple[float, float, float, float] = (0.0, 0.0, 0.0, 0.0)


class SignaturePlaceholder(Flowable):
    """An empty, outlined box the signature stamp is later placed into; records its position."""

    def __init__(self, slot: SignatureSlot) -> None:
        super().__init__()
        self.slot = slot
        self.width, self.height = SIGNATURE_SIZE

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        return self.width, self.height

    def draw(self) -> None:
        canv = self.canv
        x0, y0 = canv.absolutePosition(0, 0)
        self.slot.page_index = canv.getPageNumber() - 1
        self.slot.box = (x0, y0, x0 + self.width, y0 + self.height)
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setDash(2, 2)
        canv.rect(0, 0, self.width, self.height)
        canv.restoreState()


@dataclass
class PageFurniture:
    """Header and footer text of every page."""

    memo_id: str
    dataset_version: str
    organisation: str
    created: str
    extra: dict[str, Any] = field(default_factory=dict)
    label: str = "Due-diligence memo"  # what the header calls the document

    def canvas_class(self) -> type[Canvas]:
        """A canvas that defers page furniture to the end so it can print "Page X of Y"."""
        furniture = self

        class _NumberedCanvas(Canvas):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                kwargs["initialFontName"] = kwargs.get("initialFontName") or SANS  # not Helvetica
                super().__init__(*args, **kwargs)
                self._saved_pages: list[dict[str, Any]] = []

            def showPage(self) -> None:
                self._saved_pages.append(dict(self.__dict__))
                self._startPage()

            def save(self) -> None:
                total = len(self._saved_pages)
                for state in self._saved_pages:
                    self.__dict__.update(state)
                    furniture.draw(self, self._pageNumber, total)
                    Canvas.showPage(self)
                Canvas.save(self)

        return _NumberedCanvas

    def draw(self, canv: Canvas, page: int, total: int) -> None:
        """Draw header and footer on one page."""
        width, height = canv._pagesize
        left, right = 22 * mm, width - 22 * mm
        canv.saveState()
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(left, height - 15 * mm, right, height - 15 * mm)
        canv.line(left, 14 * mm, right, 14 * mm)
        canv.setFillColor(MUTED)
        canv.setFont(SANS, 7.5)
        canv.drawString(left, height - 13 * mm, f"{self.label} {self.memo_id}")
        canv.drawRightString(right, height - 13 * mm, f"Measures dataset {self.dataset_version}")
        _draw_mixed(canv, left, 10 * mm, " · ".join(p for p in (self.organisation, self.created) if p))
        canv.setFont(SANS, 7.5)
        canv.drawRightString(right, 10 * mm, f"Page {page} of {total}")
        canv.restoreState()


def _draw_mixed(canv: Canvas, x: float, y: float, text: str) -> None:
    """Draw one line of user text with per-character font fallback (organisation names)."""
    from reportlab.platypus import Paragraph

    style = ParagraphStyle("foot", fontName=SANS, fontSize=7.5, leading=9, textColor=MUTED)
    para = Paragraph(markup(text, SANS), style)
    para.wrap(110 * mm, 20 * mm)
    para.drawOn(canv, x, y - 1.5)
