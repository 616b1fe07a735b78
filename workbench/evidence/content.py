"""Everything the applicability-review pack says, gathered from the store before anything is written."""

from __future__ import annotations

import hashlib
import re
import secrets
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from workbench.data.models import DatasetInfo, EvidenceDocument, TracedProduct
from workbench.evidence.register import stored_path
from workbench.tracing.queries import TraceReport, product_documents, trace_report

MANIFEST_FORMAT = "workbench-applicability-review-pack"
SUMMARY_NAME = "summary.pdf"
MANIFEST_NAME = "manifest.json"
FLOW_CHART_NAME = "flow-chart.png"
UNSAFE = re.compile(r"[^\w.\-]+")


@dataclass(frozen=True)
class PackFile:
    """A file of the pack: where it goes in the zip and what it is."""

    file: str
    family: str
    node: str
    sha256: str
    size: int
    kind: str = ""
    role: str = "document"  # document, translation or flow chart
    document_id: int | None = None

    def as_json(self) -> dict[str, Any]:
        return {
            "file": self.file,
            "family": self.family,
            "node": self.node,
            "sha256": self.sha256,
            "size": self.size,
            "kind": self.kind,
            "role": self.role,
        }


@dataclass(frozen=True)
class MatchLine:
    """A screening hit of a supplier in the chain, with its latest decision."""

    node: str
    supplier: str
    entity: str
    score: float
    status: str
    decision: str  # "reviewer, date: rationale" or ""


@dataclass
class PackData:
    """The pack's content: the report, the documents with their places in the zip, screening results."""

    pack_id: str
    created: datetime
    reviewer: str
    organisation: str
    dataset_version: str
    report: TraceReport
    documents: list[EvidenceDocument]
    files: list[PackFile]
    matches: list[MatchLine]
    screened: int
    not_screened: int
    cleared_ref: str = ""
    extra: dict[str, bytes] = field(default_factory=dict)

    @property
    def product(self) -> TracedProduct:
        return self.report.product

    def manifest(self) -> dict[str, Any]:
        p = self.product
        return {
            "format": MANIFEST_FORMAT,
            "version": 1,
            "pack_id": self.pack_id,
            "product": p.name,
            "entry_number": p.entry_number,
            "created": self.created.isoformat(timespec="seconds"),
            "summary": SUMMARY_NAME,
            "files": [f.as_json() for f in self.files],
        }


def safe_name(text: str) -> str:
    """A file or folder name that is the same on every system (letters of any script kept)."""
    return UNSAFE.sub("_", text).strip("._")[:120] or "file"


def _files(report: TraceReport, documents: list[EvidenceDocument]) -> list[PackFile]:
    keys = {n.id: n.node for n in report.nodes}
    out = []
    for doc in documents:
        node = keys.get(doc.node_id, "")
        folder = f"documents/{doc.family}/{safe_name(node)}"
        out.append(
            PackFile(
                f"{folder}/{doc.id:05d}-{safe_name(doc.file_name)}",
                doc.family,
                node,
                doc.sha256,
                doc.size,
                doc.kind,
                "document",
                doc.id,
            )
        )
        if doc.translation_sha256:
            name = f"{folder}/{doc.id:05d}-translation-{safe_name(doc.translation_name)}"
            size = stored_path(doc.translation_sha256).stat().st_size
            out.append(
                PackFile(
                    name, doc.family, node, doc.translation_sha256, size, doc.kind, "translation", doc.id
                )
            )
    return out


def _decision(match: Any) -> str:
    if not match.decisions:
        return ""
    d = match.decisions[-1]
    return f"{d.reviewer}, {d.decided_at.date().isoformat()}: {d.rationale}"


def _matches(report: TraceReport) -> tuple[list[MatchLine], int, int]:
    lines, screened, not_screened, seen = [], 0, 0, set()
    for node in report.product.nodes:
        s = node.supplier
        if s is None or s.id in seen:
            continue
        seen.add(s.id)
        if s.last_screened_at is None:
            not_screened += 1
            continue
        screened += 1
        for m in s.matches:
            if m.present:
                lines.append(
                    MatchLine(node.key, s.legal_name, m.entity_name, m.score, m.status, _decision(m))
                )
    return lines, screened, not_screened


def new_pack_id(today: date) -> str:
    return f"AR-{today:%Y%m%d}-{secrets.token_hex(3).upper()}"


def gather(
    session: Session,
    product: TracedProduct,
    reviewer: str,
    organisation: str = "",
    cleared_ref: str = "",
    extra: dict[str, bytes] | None = None,
) -> PackData:
    """Read everything the pack needs from the store."""
    now = datetime.now(UTC)
    report = trace_report(session, product)
    documents = product_documents(session, product)
    matches, screened, not_screened = _matches(report)
    extra = dict(extra or {})
    top = report.nodes[0].node if report.nodes else ""
    files = [
        PackFile(
            name,
            "parties",
            top,
            hashlib.sha256(payload).hexdigest(),
            len(payload),
            "flow chart of the supply chain",
            "flow chart",
        )
        for name, payload in extra.items()
    ] + _files(report, documents)
    version = session.scalar(select(DatasetInfo.version).limit(1)) or ""
    return PackData(
        new_pack_id(now.date()),
        now,
        reviewer,
        organisation,
        version,
        report,
        documents,
        files,
        matches,
        screened,
        not_screened,
        cleared_ref or product.cleared_ref,
        extra,
    )
