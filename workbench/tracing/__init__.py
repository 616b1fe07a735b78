"""Supply-chain tracing: a traced good's tree of inputs down to the raw materials, the flags found
anywhere in it (Xinjiang nexus, listed entities) with the path to each, and the evidence gaps.

`import_trace` reads the bill of materials (CSV or XLSX, all rows or none); `trace_report` is what
`workbench trace show` prints and the app's tracing view and supply-chain map display;
`evidence_gaps` is the checklist by tier, CBP document family and commodity.
"""

from workbench.tracing.flags import NodeFlag, node_flags
from workbench.tracing.gaps import Gap, evidence_gaps
from workbench.tracing.importing import TRACE_COLUMNS, TraceImportSummary, import_trace
from workbench.tracing.queries import NodeReport, TraceReport, find_product, trace_report

__all__ = [
    "TRACE_COLUMNS",
    "Gap",
    "NodeFlag",
    "NodeReport",
    "TraceImportSummary",
    "TraceReport",
    "evidence_gaps",
    "find_product",
    "import_trace",
    "node_flags",
    "trace_report",
]
