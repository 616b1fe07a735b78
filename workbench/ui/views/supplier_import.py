"""The supplier import wizard: file -> column mapping -> preview and duplicate report -> import.

Every step calls the core (`workbench.cases.supplier_files`); the duplicate report and the import
run in the background through the app's task runner, and the import is one transaction, so a bad
row (named by file, line or sheet and row, and column) leaves the store as it was.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from workbench.cases.hs_codes import describe_hs_code, hs_level
from workbench.cases.importing import ImportSummary, RowProblem
from workbench.cases.supplier_files import (
    BY_KEY,
    FIELDS,
    DuplicateReport,
    RowEdits,
    Table,
    find_duplicates,
    guess_mapping,
    import_table,
    open_table,
    preview,
    table_problems,
)
from workbench.cases.supplier_files.columns import ColumnMap
from workbench.errors import InputError
from workbench.ui import context as topics
from workbench.ui.context import AppContext
from workbench.ui.dialogs import show_error
from workbench.ui.settings import remember_file
from workbench.ui.worker import Task

FILE_PAGE, MAPPING_PAGE, REVIEW_PAGE = range(3)
PREVIEW_ROWS = 20
IGNORE = "(do not import)"
FILE_FILTER = (
    "Supplier files (*.csv *.txt *.xlsx *.xlsm);;CSV (*.csv *.txt);;Excel workbooks (*.xlsx *.xlsm);;All (*)"
)


def summary_text(summary: ImportSummary) -> str:
    """One sentence on what an import did."""
    return (
        f"{summary.rows:,} rows read: {summary.created:,} new suppliers, {summary.products_added:,} products "
        f"added, {summary.unchanged:,} suppliers already up to date."
    )


def _item(text: str, tip: str = "") -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
    item.setToolTip(tip)
    return item


def preview_cell(field: str, value: str) -> QTableWidgetItem:
    """A preview value; an HS code also says how specific it is (chapter, heading, ...)."""
    level = hs_level(value) if field == "hs_code" else ""
    if level:
        return _item(f"{value} ({level})", describe_hs_code(value))
    return _item(value)


def _column_label(column: str) -> str:
    field = BY_KEY.get(column)
    return field.label if field is not None else column.replace("_", " ").capitalize()


class SupplierImportDialog(QDialog):
    """Pick a CSV or XLSX file, check how its columns are read, see duplicates, then import it."""

    def __init__(
        self, ctx: AppContext, parent: QWidget | None = None, path: str | Path | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.table: Table | None = None
        self.report: DuplicateReport | None = None
        self.problems: list[RowProblem] | None = None  # None until checked
        self.fixes: dict[str, dict[str, str]] = {}
        self.summary: ImportSummary | None = None
        self.task: Task | None = None
        self.setWindowTitle("Import suppliers")
        self.setMinimumSize(820, 560)
        layout = QVBoxLayout(self)
        self.pages = QStackedWidget()
        self.pages.addWidget(self._file_page())
        self.pages.addWidget(self._mapping_page())
        self.pages.addWidget(self._review_page())
        layout.addWidget(self.pages, 1)
        self.error = QLabel()
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        layout.addWidget(self.error)
        buttons = QHBoxLayout()
        self.back_button = QPushButton("< Back")
        self.next_button = QPushButton("Next >")
        self.import_button = QPushButton("Import")
        self.cancel_button = QPushButton("Cancel")
        self.back_button.clicked.connect(self.back)
        self.next_button.clicked.connect(self.next)
        self.import_button.clicked.connect(self.start_import)
        self.cancel_button.clicked.connect(self.reject)
        buttons.addStretch(1)
        for button in (self.back_button, self.next_button, self.import_button, self.cancel_button):
            buttons.addWidget(button)
        layout.addLayout(buttons)
        self.next_button.setDefault(True)
        ctx.runner.ended.connect(self._task_ended)
        if path is not None:
            self.path.setText(str(path))
            self._path_changed()
        self._show(FILE_PAGE)

    # ------------------------------------------------------------------ pages

    def _file_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        intro = QLabel(
            "Import suppliers and their products from a CSV file (UTF-8, UTF-16, GB18030/GBK or Windows "
            "Western encoding) or an Excel .xlsx workbook, for example a supplier master exported from your "
            "ERP. Next you check which column holds what; nothing is saved until you press Import, and a "
            "file with any bad row imports nothing."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        form = QFormLayout()
        row = QHBoxLayout()
        self.path = QLineEdit()
        self.path.editingFinished.connect(self._path_changed)
        browse = QPushButton("Browse…")
        browse.clicked.connect(self.browse)
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form.addRow("File", row)
        self.sheet = QComboBox()
        self.sheet.setEnabled(False)
        form.addRow("Sheet", self.sheet)
        layout.addLayout(form)
        layout.addStretch(1)
        return page

    def _mapping_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        self.file_info = QLabel()
        self.file_info.setWordWrap(True)
        layout.addWidget(self.file_info)
        hint = QLabel(
            "Each column of the file is read as the field chosen on its right; the choices are guessed from "
            "the headers. The supplier name is required."
        )
        hint.setWordWrap(True)
        layout.addWidget(hint)
        self.mapping_table = QTableWidget(0, 3)
        self.mapping_table.setHorizontalHeaderLabels(["Column in the file", "First value", "Import as"])
        header = self.mapping_table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.mapping_table.verticalHeader().setVisible(False)
        layout.addWidget(self.mapping_table, 1)
        return page

    def _review_page(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(f"The first rows as they will be imported (up to {PREVIEW_ROWS}):"))
        self.preview_table = QTableWidget(0, 0)
        self.preview_table.verticalHeader().setVisible(False)
        layout.addWidget(self.preview_table, 3)
        self.problems_label = QLabel()
        self.problems_label.setObjectName("fieldError")
        self.problems_label.setWordWrap(True)
        layout.addWidget(self.problems_label)
        self.problems_table = QTableWidget(0, 4)
        self.problems_table.setHorizontalHeaderLabels(
            ["Where", "Column", "Value (double-click to fix)", "Problem"]
        )
        self.problems_table.horizontalHeader().setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.problems_table.verticalHeader().setVisible(False)
        self.problems_table.setTabKeyNavigation(False)
        self.problems_table.itemChanged.connect(self._value_fixed)
        layout.addWidget(self.problems_table, 2)
        row = QHBoxLayout()
        self.skip_box = QCheckBox("Skip these rows (import the others)")
        self.skip_box.toggled.connect(lambda _checked: self._show(REVIEW_PAGE))
        self.recheck_button = QPushButton("Check again")
        self.recheck_button.clicked.connect(self._check_rows)
        row.addWidget(self.skip_box)
        row.addStretch(1)
        row.addWidget(self.recheck_button)
        layout.addLayout(row)
        self.report_label = QLabel()
        self.report_label.setWordWrap(True)
        layout.addWidget(self.report_label)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        layout.addWidget(self.progress)
        self.report_text = QPlainTextEdit()
        self.report_text.setReadOnly(True)
        layout.addWidget(self.report_text, 2)
        return page

    def _show(self, page: int) -> None:
        self.pages.setCurrentIndex(page)
        self.error.hide()
        busy = self.task is not None
        self.back_button.setEnabled(page != FILE_PAGE and not busy)
        self.next_button.setVisible(page != REVIEW_PAGE)
        self.import_button.setVisible(page == REVIEW_PAGE)
        checked = self.problems is not None and (not self.problems or self.skip_box.isChecked())
        self.import_button.setEnabled(
            page == REVIEW_PAGE and self.report is not None and checked and not busy
        )
        has_problems = bool(self.problems)
        for widget in (self.problems_table, self.skip_box, self.recheck_button, self.problems_label):
            widget.setVisible(has_problems)
        self.recheck_button.setEnabled(not busy)

    def _fail(self, message: str) -> None:
        self.error.setText(message)
        self.error.show()

    # ------------------------------------------------------------------ file

    def browse(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Choose a supplier file", "", FILE_FILTER)
        if path:
            self.path.setText(path)
            self._path_changed()

    def _path_changed(self) -> None:
        """List the sheets of a workbook so the user can pick one."""
        self.sheet.clear()
        self.sheet.setEnabled(False)
        path = Path(self.path.text().strip())
        if not path.is_file():
            return
        try:
            table = open_table(path)
        except InputError:
            return  # reported when the user presses Next
        if table.sheet is not None:
            self.sheet.addItems(list(table.sheets))
            self.sheet.setEnabled(len(table.sheets) > 1)

    def next(self) -> None:
        if self.pages.currentIndex() == FILE_PAGE:
            self._open_file()
        elif self.pages.currentIndex() == MAPPING_PAGE:
            self._review()

    def back(self) -> None:
        self._show(max(FILE_PAGE, self.pages.currentIndex() - 1))

    def _open_file(self) -> None:
        text = self.path.text().strip()
        if not text:
            self._fail("Choose a CSV or XLSX file.")
            return
        try:
            self.table = open_table(text, self.sheet.currentText() or None)
            rows = self.table.rows()
            first = next(rows, ("", []))[1]
            rows.close()
        except InputError as exc:
            self._fail(str(exc))
            return
        table = self.table
        where = f"sheet {table.sheet}, header on row {table.header_row}" if table.sheet else table.encoding
        self.file_info.setText(f"{table.path.name} ({where}): {len(table.header)} columns.")
        self._fill_mapping(table.header, first, guess_mapping(table.header))
        self._show(MAPPING_PAGE)

    # ------------------------------------------------------------------ mapping

    def _fill_mapping(self, header: list[str], first: list[str], guess: ColumnMap) -> None:
        by_column = {index: field for field, index in guess.items()}
        self.mapping_table.setRowCount(len(header))
        for row, name in enumerate(header):
            self.mapping_table.setItem(row, 0, _item(name))
            self.mapping_table.setItem(row, 1, _item(first[row] if row < len(first) else ""))
            combo = QComboBox()
            combo.addItem(IGNORE, None)
            for field in FIELDS:
                combo.addItem(field.label, field.key)
            if row in by_column:
                combo.setCurrentIndex(combo.findData(by_column[row]))
            self.mapping_table.setCellWidget(row, 2, combo)
        self.mapping_table.resizeColumnToContents(0)

    def combo(self, row: int) -> QComboBox:
        """The "Import as" choice of the file's column `row`."""
        widget = self.mapping_table.cellWidget(row, 2)
        assert isinstance(widget, QComboBox)
        return widget

    def mapping(self) -> ColumnMap:
        """{field: column index} as chosen in the table."""
        chosen: ColumnMap = {}
        for row in range(self.mapping_table.rowCount()):
            field = self.combo(row).currentData()
            if field is not None:
                chosen.setdefault(field, row)
        return chosen

    def _mapping_problem(self) -> str:
        fields = [self.combo(r).currentData() for r in range(self.mapping_table.rowCount())]
        twice = sorted({f for f in fields if f is not None and fields.count(f) > 1})
        if twice:
            return (
                "Each field can come from one column only: " + ", ".join(BY_KEY[f].label for f in twice) + "."
            )
        if "name" not in fields:
            return "Choose the column that holds the supplier name."
        return ""

    # ------------------------------------------------------------------ review

    def _review(self) -> None:
        problem = self._mapping_problem()
        if problem:
            self._fail(problem)
            return
        assert self.table is not None
        mapping = self.mapping()
        try:
            rows = preview(self.table, mapping, PREVIEW_ROWS)
        except InputError as exc:
            self._fail(str(exc))
            return
        fields = [f for f, _ in sorted(mapping.items(), key=lambda kv: kv[1])]
        self.preview_table.clear()
        self.preview_table.setColumnCount(len(fields) + 1)
        self.preview_table.setHorizontalHeaderLabels(["Where", *(BY_KEY[f].label for f in fields)])
        self.preview_table.setRowCount(len(rows))
        for r, (location, values) in enumerate(rows):
            self.preview_table.setItem(r, 0, _item(location))
            for c, field in enumerate(fields, start=1):
                self.preview_table.setItem(r, c, preview_cell(field, values.get(field, "")))
        self.preview_table.resizeColumnsToContents()
        self.report = None
        self.problems = None
        self.fixes = {}
        self.skip_box.setChecked(False)
        self.report_text.clear()
        self.report_label.setText(
            "Checking every row and looking for duplicates in the file and in your suppliers…"
        )
        self._show(REVIEW_PAGE)
        table = self.table
        self._run(
            "Checking the file",
            lambda s, state: (table_problems(s, table, mapping), find_duplicates(s, table, mapping, state)),
            self._checked,
            "supplier-import-check",
        )

    def edits(self) -> RowEdits:
        """The fixes typed in the problems table, and the rows to skip when "Skip these rows" is ticked."""
        skip = (
            frozenset(p.location for p in self.problems or []) if self.skip_box.isChecked() else frozenset()
        )
        return RowEdits(skip=skip, fixes={loc: dict(values) for loc, values in self.fixes.items()})

    def _checked(self, result: tuple[list[RowProblem], DuplicateReport]) -> None:
        problems, report = result
        self.report = report
        self.report_label.setText(report.summary + " Nothing has been saved yet.")
        self.report_text.setPlainText(
            "\n".join(d.message for d in report.findings) or "No duplicates: every supplier is new."
        )
        self._show_problems(problems)

    def _check_rows(self) -> None:
        """Check the rows again with the values fixed in place."""
        assert self.table is not None
        table, mapping, edits = self.table, self.mapping(), RowEdits(fixes=self.edits().fixes)
        self._run(
            "Checking the rows",
            lambda s, state: table_problems(s, table, mapping, edits),
            self._show_problems,
            "supplier-import-check",
        )

    def _show_problems(self, problems: list[RowProblem]) -> None:
        self.problems = problems
        rows = len({p.location for p in problems})
        self.problems_label.setText(
            f"{rows:,} row{'s' if rows != 1 else ''} cannot be imported as they are ({len(problems):,} "
            "problems). Double-click a value to fix it, then press Check again; or skip these rows."
        )
        self.problems_table.blockSignals(True)
        self.problems_table.setRowCount(len(problems))
        for r, problem in enumerate(problems):
            self.problems_table.setItem(r, 0, _item(problem.location))
            self.problems_table.setItem(r, 1, _item(_column_label(problem.column)))
            value = QTableWidgetItem(problem.value)
            value.setData(Qt.ItemDataRole.UserRole, (problem.location, problem.column))
            self.problems_table.setItem(r, 2, value)
            self.problems_table.setItem(r, 3, _item(problem.message, problem.message))
        self.problems_table.blockSignals(False)
        self.problems_table.resizeColumnsToContents()
        self._show(REVIEW_PAGE)

    def _value_fixed(self, item: QTableWidgetItem) -> None:
        key = item.data(Qt.ItemDataRole.UserRole)
        if key is None:
            return
        location, column = key
        self.fixes.setdefault(location, {})[column] = item.text().strip()

    # ------------------------------------------------------------------ import

    def start_import(self) -> None:
        if self.table is None or self.report is None:
            return
        table, mapping, edits = self.table, self.mapping(), self.edits()
        self.report_label.setText("Importing… (all rows or none)")
        self._run(
            f"Importing {table.path.name}",
            lambda s, state: import_table(s, table, mapping, state=state, edits=edits),
            self._imported,
            "supplier-import",
        )

    def _imported(self, summary: ImportSummary) -> None:
        self.summary = summary
        if self.table is not None:
            remember_file(str(self.table.path))
        self.ctx.announce(topics.SUPPLIERS)
        self.ctx.status.emit(summary_text(summary))
        self.accept()
        QMessageBox.information(self.parentWidget(), "Suppliers imported", summary_text(summary))

    def _run(self, label: str, op: object, success: object, key: str) -> None:
        self.progress.show()
        self.task = self.ctx.runner.start(
            label,
            op,  # type: ignore[arg-type]
            success=success,  # type: ignore[arg-type]
            failure=lambda exc: self._failed(label, exc),
            progress=lambda done, total, message: self.report_label.setText(message),
            key=key,
        )
        self._show(REVIEW_PAGE)

    def _task_ended(self, task: Task) -> None:
        if task is not self.task:
            return
        self.task = None
        self.progress.hide()
        if self.isVisible():
            self._show(self.pages.currentIndex())

    def _failed(self, label: str, exc: BaseException) -> None:
        self.report_label.setText(f"{label} failed; nothing was imported.")
        show_error(self, f"{label} failed", exc)

    def reject(self) -> None:
        if self.task is not None:
            self.task.cancel()
        super().reject()


def open_import_wizard(ctx: AppContext, parent: QWidget | None = None) -> SupplierImportDialog:
    """Show the wizard (the File menu's "Import suppliers…")."""
    dialog = SupplierImportDialog(ctx, parent)
    dialog.open()
    return dialog
