"""Memos: preview what a memo will say, choose the signing identity, export, and verify memo PDFs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTableView,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.orm import Session

from workbench.cases.decisions import get_reviewer_name
from workbench.cases.suppliers import get_supplier
from workbench.memo.assemble import build_memo_data
from workbench.memo.content import MemoData
from workbench.memo.export import ExportResult, export_memo
from workbench.memo.identity import load_pkcs12, local_certificate, local_identity, local_identity_exists
from workbench.memo.identity_reset import retire_local_identity
from workbench.memo.passphrase import MIN_LENGTH, passphrase_problems
from workbench.memo.verify import VerificationResult, verify_pdf
from workbench.progress import TaskState
from workbench.ui import context as topics
from workbench.ui.context import AppContext
from workbench.ui.forms import FieldErrors
from workbench.ui.html_text import esc
from workbench.ui.models.memos import MemosModel, load_memo_rows, verification_text
from workbench.ui.settings import CLIENT_KEY, ORGANISATION_KEY, load_str, save_str
from workbench.ui.views.base import View
from workbench.ui.widgets.supplier_picker import SupplierPicker


def preview_html(memo: MemoData) -> str:
    """What the memo will say, in short: scope, and per supplier its rating, hits and indicators."""
    parts = [
        f"<h3>{esc(memo.display_title)}</h3>",
        f"<p>Reviewer {esc(memo.reviewer)} · measures dataset {esc(memo.dataset_version)} · "
        f"lists screened: {esc(', '.join(memo.lists_screened))}"
        + (f" · threshold {memo.threshold:.0f}" if memo.threshold else "")
        + "</p>",
    ]
    for s in memo.suppliers:
        pending = sum(1 for h in s.hits if h.unresolved)
        decided = len(s.hits) - pending
        flagged = [i for i in s.indicators if i.status in ("suspected", "observed")]
        parts.append(
            f"<h4>{esc(s.name)}" + (f" ({esc(s.local_name)})" if s.local_name else "") + "</h4>"
            f"<p><b>Risk: {esc(s.risk_rating)}</b>"
            + (" · UFLPA presumption applies" if s.presumption else "")
            + f"<br>{len(s.hits)} hit(s): {decided} decided, {pending} pending or escalated"
            + f"<br>{len(flagged)} indicator(s) suspected or observed · {len(s.products)} product(s)</p>"
        )
        if s.risk_reasons:
            parts.append("<ul>" + "".join(f"<li>{esc(r)}</li>" for r in s.risk_reasons[:5]) + "</ul>")
    return "".join(parts)


def _subject(cert) -> str:
    """'Name (Organisation)' from a certificate's subject."""
    from cryptography.x509.oid import NameOID

    def first(oid) -> str:
        values = cert.subject.get_attributes_for_oid(oid)
        return str(values[0].value) if values else ""

    name, org = first(NameOID.COMMON_NAME), first(NameOID.ORGANIZATION_NAME)
    return f"{name} ({org})" if org else name


class MemosView(View):
    """Left: the memo to write (suppliers, preview, signing, export). Right: exported memos and checks."""

    key = "memos"
    title = "Memos"
    topics = frozenset({topics.MEMOS, topics.MATCHES, topics.INDICATORS, topics.SETTINGS})

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.setAcceptDrops(True)
        self.verify_button = QPushButton("Verify a PDF…")
        self.verify_button.clicked.connect(self.choose_and_verify)
        self.header_tools.addWidget(self.verify_button)

        # ------------------------------------------------ left: the memo to write
        left = QWidget()
        l_layout = QVBoxLayout(left)
        l_layout.setContentsMargins(0, 0, 0, 0)
        pick_row = QHBoxLayout()
        self.picker = SupplierPicker(ctx)
        self.picker.chosen.connect(self.add_supplier)
        self.remove_button = QPushButton("Remove")
        self.remove_button.clicked.connect(self.remove_selected_supplier)
        pick_row.addWidget(QLabel("Add supplier:"))
        pick_row.addWidget(self.picker, 1)
        pick_row.addWidget(self.remove_button)
        l_layout.addLayout(pick_row)
        self.suppliers = QListWidget()
        self.suppliers.setMaximumHeight(64)
        l_layout.addWidget(self.suppliers)
        self.preview = QTextBrowser()
        l_layout.addWidget(self.preview, 1)

        signing = QGroupBox("Signing identity")
        s_layout = QVBoxLayout(signing)
        self.use_local = QRadioButton("My local signing identity (created on first use)")
        self.use_p12 = QRadioButton("A certificate file (PKCS#12 .p12 / .pfx)")
        group = QButtonGroup(self)
        group.addButton(self.use_local)
        group.addButton(self.use_p12)
        self.use_local.setChecked(True)
        self.local_info = QLabel()
        self.local_info.setObjectName("muted")
        self.local_info.setWordWrap(True)
        s_layout.addWidget(self.use_local)
        s_layout.addWidget(self.local_info)
        s_layout.addWidget(self.use_p12)
        form = QFormLayout()
        self.errors = FieldErrors()
        p12_row = QWidget()
        p12_layout = QHBoxLayout(p12_row)
        p12_layout.setContentsMargins(0, 0, 0, 0)
        self.p12_path = QLineEdit()
        self.p12_path.setPlaceholderText("certificate.p12")
        browse = QPushButton("Browse…")
        browse.clicked.connect(self._browse_p12)
        p12_layout.addWidget(self.p12_path, 1)
        p12_layout.addWidget(browse)
        self.errors.add_row(form, "p12", "Certificate file", p12_row)
        self.passphrase = QLineEdit()
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.errors.add_row(form, "passphrase", "Passphrase", self.passphrase)
        self.passphrase_again = QLineEdit()
        self.passphrase_again.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_again.setPlaceholderText("Type the new passphrase again")
        self.again_row = self.errors.add_row(
            form, "passphrase_again", "Passphrase again", self.passphrase_again
        )
        self.again_label = form.labelForField(self.again_row)
        self.organisation = QLineEdit(load_str(ORGANISATION_KEY))
        self.organisation.setPlaceholderText("Printed on the memo and on a new local identity")
        self.errors.add_row(form, "organisation", "Organisation", self.organisation)
        self.client = QLineEdit(load_str(CLIENT_KEY))
        self.errors.add_row(form, "client", "Prepared for", self.client)
        for edit, key in ((self.organisation, ORGANISATION_KEY), (self.client, CLIENT_KEY)):
            edit.editingFinished.connect(lambda e=edit, k=key: save_str(k, e.text()))
        s_layout.addLayout(form)
        s_layout.addWidget(self.errors.general)
        self.export_button = QPushButton("Export signed memo…")
        self.export_button.setToolTip("Ctrl+E")
        self.export_button.clicked.connect(self.export_memo)
        self.replace_button = QPushButton("Replace identity…")
        self.replace_button.setToolTip("Set the local signing identity aside and create a new one")
        self.replace_button.clicked.connect(self.replace_identity)
        row = QHBoxLayout()
        row.addWidget(self.replace_button)
        row.addStretch(1)
        row.addWidget(self.export_button)
        s_layout.addLayout(row)
        l_layout.addWidget(signing)
        self.use_p12.toggled.connect(self._signing_mode)

        # ------------------------------------------------ right: exported memos
        right = QWidget()
        r_layout = QVBoxLayout(right)
        r_layout.setContentsMargins(0, 0, 0, 0)
        r_layout.addWidget(QLabel("<b>Exported memos</b>"))
        self.model = MemosModel()
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setTabKeyNavigation(False)
        self.table.doubleClicked.connect(self._open_row)
        r_layout.addWidget(self.table, 1)
        file_row = QHBoxLayout()
        self.open_button = QPushButton("Open PDF")
        self.open_button.clicked.connect(lambda: self.open_selected(folder=False))
        self.folder_button = QPushButton("Show in folder")
        self.folder_button.clicked.connect(lambda: self.open_selected(folder=True))
        file_row.addWidget(self.open_button)
        file_row.addWidget(self.folder_button)
        file_row.addStretch(1)
        r_layout.addLayout(file_row)
        self.drop_zone = QFrame()
        self.drop_zone.setObjectName("card")
        dz = QVBoxLayout(self.drop_zone)
        self.drop_label = QLabel("Drop a memo PDF here to check its signature.")
        self.drop_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.drop_label.setWordWrap(True)
        self.drop_label.setMinimumHeight(70)
        dz.addWidget(self.drop_label)
        r_layout.addWidget(self.drop_zone)

        split = QSplitter()
        split.addWidget(left)
        split.addWidget(right)
        split.setSizes([620, 680])
        self.body.addWidget(split, 1)
        self.ids: list[int] = []
        self.last_verification: VerificationResult | None = None
        self._signing_mode()
        ctx.supplier_selected.connect(self._follow)
        if ctx.current_supplier is not None:
            self.add_supplier(ctx.current_supplier)
        self.refresh()

    # ---------------------------------------------------------------- suppliers and preview

    def _follow(self, supplier_id: int) -> None:
        if not self.ids:
            self.add_supplier(supplier_id)

    def add_supplier(self, supplier_id: int) -> None:
        if supplier_id in self.ids:
            return
        name = self.ctx.read(lambda s: get_supplier(s, supplier_id).legal_name)
        self.ids.append(supplier_id)
        item = QListWidgetItem(name)
        item.setData(Qt.ItemDataRole.UserRole, supplier_id)
        self.suppliers.addItem(item)
        self.update_preview()

    def remove_selected_supplier(self) -> None:
        for item in self.suppliers.selectedItems():
            self.ids.remove(int(item.data(Qt.ItemDataRole.UserRole)))
            self.suppliers.takeItem(self.suppliers.row(item))
        self.update_preview()

    def reviewer(self) -> str:
        return self.ctx.read(get_reviewer_name)

    def update_preview(self) -> None:
        if not self.ids:
            self.preview.setHtml("<p>Add the supplier(s) the memo is about.</p>")
            return
        reviewer = self.reviewer() or "(set your name in Settings)"
        ids, organisation, client = list(self.ids), self.organisation.text(), self.client.text()
        memo = self.ctx.read(lambda s: build_memo_data(s, ids, reviewer, organisation, client=client))
        self.preview.setHtml(preview_html(memo))

    def refresh(self) -> None:
        if not self.organisation.hasFocus():  # the organisation may have been changed in Settings
            self.organisation.setText(load_str(ORGANISATION_KEY))
        self.model.set_records(self.ctx.read(load_memo_rows))
        self.verify_listed()
        if self.ids:
            self.update_preview()

    # ---------------------------------------------------------------- signing and export

    def creating_identity(self) -> bool:
        """True when the next export creates the local identity (so its passphrase is typed twice)."""
        return not self.use_p12.isChecked() and not local_identity_exists()

    def _signing_mode(self) -> None:
        p12 = self.use_p12.isChecked()
        self.p12_path.setEnabled(p12)
        creating = self.creating_identity()
        self.again_row.setVisible(creating)
        if self.again_label is not None:
            self.again_label.setVisible(creating)
        self.passphrase.setPlaceholderText(f"At least {MIN_LENGTH} characters" if creating else "")
        self.replace_button.setEnabled(local_identity_exists())
        cert = local_certificate()
        if cert is not None:
            self.local_info.setText(f"Signs as {esc(_subject(cert))}; enter its passphrase below.")
        else:
            self.local_info.setText(
                "Not created yet: the first export creates it with your reviewer name and the passphrase "
                "you enter (keep it; it protects the key)."
            )

    def _browse_p12(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Certificate", "", "PKCS#12 (*.p12 *.pfx);;All (*)")
        if path:
            self.p12_path.setText(path)

    def choose_output(self) -> Path | None:
        """Ask where to save the PDF (a seam the tests replace)."""
        path, _ = QFileDialog.getSaveFileName(self, "Save memo", "memo.pdf", "PDF (*.pdf)")
        return Path(path) if path else None

    def export_memo(self) -> bool:
        """Check the form, ask for the file name, then build, render and sign in the background."""
        errors: dict[str, str] = {}
        if not self.ids:
            errors["suppliers"] = "Add at least one supplier."
        reviewer = self.reviewer()
        if not reviewer:
            errors["reviewer"] = "Set your reviewer name in File ▸ Settings first."
        passphrase = self.passphrase.text()
        if not passphrase:
            errors["passphrase"] = "Enter the passphrase of the signing identity."
        elif self.creating_identity():
            errors.update(passphrase_problems(passphrase, self.passphrase_again.text()))
        p12 = Path(self.p12_path.text().strip()) if self.use_p12.isChecked() else None
        if p12 is not None and not p12.is_file():
            errors["p12"] = "Choose your .p12 or .pfx certificate file."
        if errors:
            self.errors.show(errors)
            return False
        self.errors.clear()
        out = self.choose_output()
        if out is None:
            return False
        ids, organisation, client = list(self.ids), self.organisation.text(), self.client.text()
        save_str(ORGANISATION_KEY, organisation)
        save_str(CLIENT_KEY, client)

        def op(session: Session, state: TaskState) -> ExportResult:
            state.set_progress(0, 0, "Opening the signing identity…")
            if p12 is not None:
                identity = load_pkcs12(p12, passphrase)
            else:
                identity = local_identity(reviewer, organisation, passphrase)
            return export_memo(
                session, ids, out, identity, reviewer, organisation, client=client, state=state
            )

        def success(result: ExportResult) -> None:
            self.passphrase.clear()
            self.passphrase_again.clear()
            self._signing_mode()
            self.ctx.announce(topics.MEMOS)
            self.ctx.status.emit(f"Wrote {result.path} ({result.pages} pages), signed by {result.signer}")

        self.ctx.runner.start(
            "Exporting the memo", op, success=success, failure=self._export_failed, key="memo-export"
        )
        return True

    def replace_identity(self) -> bool:
        """After a warning, set the local signing identity aside; the next export creates a new one."""
        answer = QMessageBox.warning(
            self,
            "Replace the signing identity?",
            "Memos you signed so far stay valid, but new memos will be signed by a new identity with a new "
            "passphrase, and anyone who trusts your current certificate must be sent the new one.\n\n"
            "The current identity is kept in a 'retired' folder, not deleted.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        if answer != QMessageBox.StandardButton.Yes:
            return False
        folder = retire_local_identity()
        self._signing_mode()
        if folder is not None:
            self.ctx.status.emit(
                f"The signing identity was set aside in {folder}; the next export creates a new one."
            )
        return folder is not None

    def selected_memo(self) -> Path | None:
        """The file of the memo selected in the list."""
        row = self.table.currentIndex().row()
        return Path(self.model.records[row].path) if 0 <= row < len(self.model.records) else None

    def open_selected(self, folder: bool = False) -> bool:
        """Open the selected memo PDF (or its folder) with the system's viewer."""
        path = self.selected_memo()
        if path is None:
            return False
        if not path.exists():
            QMessageBox.warning(self, "Memo not found", f"{path} was moved or deleted.")
            return False
        return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path.parent if folder else path)))

    def _open_row(self, index: QModelIndex) -> None:
        self.table.setCurrentIndex(index)
        self.open_selected()

    def _export_failed(self, exc: BaseException) -> None:
        from workbench.ui.dialogs import show_error

        show_error(self, "The memo was not written", exc)

    # ---------------------------------------------------------------- verification

    def verify_listed(self) -> None:
        paths = [r.path for r in self.model.records]
        if not paths:
            return

        def op(_session: Session, state: TaskState) -> list[tuple[str, VerificationResult]]:
            out = []
            for n, path in enumerate(paths):
                state.raise_if_cancelled()
                state.set_progress(n, len(paths), f"Verifying memo {n + 1} of {len(paths)}")
                out.append((path, verify_pdf(path)))
            return out

        def success(results: list[tuple[str, VerificationResult]]) -> None:
            for path, result in results:
                self.model.set_verification(path, result)

        self.ctx.runner.start("Verifying memos", op, success=success, key="memo-verify")

    def verify_file(self, path: Path) -> None:
        """Verify any PDF in the background and show the result under the drop zone."""
        self.drop_label.setText(f"Checking {esc(path.name)}…")

        def success(result: VerificationResult) -> None:
            self.last_verification = result
            self.show_verification(result)

        self.ctx.runner.start(
            f"Verifying {path.name}", lambda _s, _st: verify_pdf(path), success=success, key="pdf-verify"
        )

    def show_verification(self, result: VerificationResult) -> None:
        name = esc(Path(result.path).name)
        lines = [f"<b>{name}</b>: {esc(verification_text(result))}"]
        if result.signer:
            lines.append(
                f"Signed by {esc(result.signer)}"
                + (f" ({esc(result.signer_organisation)})" if result.signer_organisation else "")
                + (f" on {esc(result.signing_time)}" if result.signing_time else "")
            )
        lines += [esc(p) for p in result.problems[1:]]
        self.drop_label.setText("<br>".join(lines))

    def choose_and_verify(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Verify a memo", "", "PDF (*.pdf)")
        if path:
            self.verify_file(Path(path))

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        urls = event.mimeData().urls() if event.mimeData().hasUrls() else []
        if any(u.isLocalFile() and u.toLocalFile().lower().endswith(".pdf") for u in urls):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        for url in event.mimeData().urls():
            if url.isLocalFile() and url.toLocalFile().lower().endswith(".pdf"):
                self.verify_file(Path(url.toLocalFile()))
                event.acceptProposedAction()
                return
        QMessageBox.information(self, "Verify a memo", "Drop a PDF file.")

    def focus_search(self) -> bool:
        self.picker.setFocus()
        return True
