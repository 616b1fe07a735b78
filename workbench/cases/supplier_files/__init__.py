"""Supplier files in and out: CSV/XLSX import with a column mapping, preview and duplicate report; export.

The steps the import wizard and `workbench suppliers import` share:
`open_table` (header, encoding, sheet) -> `guess_mapping` (corrected by the user) -> `preview` ->
`find_duplicates` -> `import_table` (all rows or none). `export_suppliers` writes CSV or XLSX.
"""

from workbench.cases.supplier_files.columns import (
    BY_KEY,
    FIELDS,
    Field,
    apply_overrides,
    check_mapping,
    exact_mapping,
    guess_mapping,
)
from workbench.cases.supplier_files.duplicates import Duplicate, DuplicateReport, find_duplicates
from workbench.cases.supplier_files.export import HEADER as EXPORT_HEADER
from workbench.cases.supplier_files.export import export_suppliers, safe_text
from workbench.cases.supplier_files.mapped import (
    RowEdits,
    import_file,
    import_table,
    labels,
    preview,
    table_problems,
)
from workbench.cases.supplier_files.tables import Table, open_table

__all__ = [
    "BY_KEY",
    "EXPORT_HEADER",
    "FIELDS",
    "Duplicate",
    "DuplicateReport",
    "Field",
    "RowEdits",
    "Table",
    "apply_overrides",
    "check_mapping",
    "exact_mapping",
    "export_suppliers",
    "find_duplicates",
    "guess_mapping",
    "import_file",
    "import_table",
    "labels",
    "open_table",
    "preview",
    "safe_text",
    "table_problems",
]
