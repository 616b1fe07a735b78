"""Write PNGs of every main view with the demo portfolio: `python -m workbench.ui.screenshots OUT_DIR`.

Runs on a throw-away store in a temporary WORKBENCH_HOME, so the user's own data is never touched.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

SIZE = (1440, 900)
DEMO_INDICATORS = 7  # Baoding LYSZD: a confirmed WRO hit whose indicators are pre-filled
DEMO_PASSPHRASE = "demo passphrase"
DEMO_WATCHLIST = """name,aliases,country,address,list section,date,source URL
"Hetian Taida Apparel Co., Ltd.",Hotan Taida Apparel,CN,"Hotan, Xinjiang",UFLPA Entity List §2(d)(2)(B)(ii),2022-06-21,https://www.dhs.gov/uflpa-entity-list
"Xinjiang Junggar Cotton and Linen Co., Ltd.",,CN,"Wujiaqu, Xinjiang",UFLPA Entity List §2(d)(2)(B)(ii),2022-06-21,https://www.dhs.gov/uflpa-entity-list
"""


def _settle(app, window, seconds: float = 20.0) -> None:
    """Let background tasks (and the dashboard's delayed first update) finish, then repaint."""
    deadline = time.monotonic() + seconds
    dashboard = window.views.get("dashboard")
    while time.monotonic() < deadline:
        app.processEvents()
        started = dashboard is None or dashboard.summary is not None
        if started and not window.ctx.runner.busy and not window.ctx.reader.busy:
            break
        time.sleep(0.02)
    for _ in range(5):
        app.processEvents()
        time.sleep(0.02)


def main(argv: list[str]) -> int:
    out = Path(argv[0] if argv else "docs/screenshots").resolve()
    out.mkdir(parents=True, exist_ok=True)
    home = tempfile.mkdtemp(prefix="workbench-screens-")
    os.environ["WORKBENCH_HOME"] = home
    os.environ.pop("WORKBENCH_DB_URL", None)

    from workbench.data.store import open_store
    from workbench.progress import TaskState
    from workbench.ui import theme
    from workbench.ui.app import application, create_window
    from workbench.ui.demo import build_demo
    from workbench.ui.views.list_import import import_op

    app = application(["workbench"])
    theme.apply(app, dark=False)
    store = open_store()
    with store.transaction() as session:
        ids = build_demo(session)
    watchlist = Path(home) / "uflpa-entity-list.csv"
    watchlist.write_text(DEMO_WATCHLIST, encoding="utf-8")
    with store.session() as session:
        import_op(watchlist, "watchlist-csv", "uflpa-entity-list")(session, TaskState())

    window = create_window(store)
    window.resize(*SIZE)
    window.show()
    _settle(app, window)
    written: list[Path] = []

    def shot(name: str) -> None:
        _settle(app, window)
        path = out / f"{name}.png"
        window.grab().save(str(path))
        written.append(path)

    window.show_view("dashboard")
    shot("01-dashboard")
    suppliers = window.show_view("suppliers")
    _settle(app, window)
    suppliers.table.selectRow(4)
    shot("02-suppliers")

    review = window.show_view("review")
    taida = next((r for r in review.model.records if "Taida" in r.entity_name), None)
    if taida is not None:
        review.select_match(taida.id)
    review.rationale.setPlainText("Same company as the listed entity: Chinese name and Hotan address agree.")
    shot("03-review")

    window.ctx.select_supplier(ids[DEMO_INDICATORS])
    indicators = window.show_view("indicators")
    indicators.table.selectRow(2)
    shot("04-indicators")

    measures = window.show_view("measures")
    measures.search.setText("Hetian")
    measures.table.selectRow(0)
    shot("05-measures")

    memos = window.show_view("memos")
    memos.passphrase.setText(DEMO_PASSPHRASE)
    memos.passphrase_again.setText(DEMO_PASSPHRASE)
    memos.organisation.setText("Northwind Sourcing Ltd.")
    memos.client.setText("Northwind Apparel Inc.")
    pdf = Path(home) / "memo-baoding-lyszd.pdf"
    memos.choose_output = lambda: pdf  # type: ignore[method-assign]
    memos.export_memo()
    _settle(app, window, 60)
    memos.refresh()
    tampered = Path(home) / "memo-altered.pdf"
    data = bytearray(pdf.read_bytes()) if pdf.exists() else bytearray()
    if data:
        data[len(data) // 3] ^= 0x01
        tampered.write_bytes(bytes(data))
        memos.verify_file(tampered)
    memos.organisation.clear()
    memos.client.clear()
    memos.passphrase.clear()
    memos.table.selectRow(0)
    shot("06-memos")

    dialog = suppliers.supplier_dialog(ids[0])
    dialog.resize(760, 760)
    dialog.edits["legal_name"].clear()
    dialog.save()
    dialog.show()
    _settle(app, window)
    dialog.grab().save(str(out / "07-supplier-dialog.png"))
    written.append(out / "07-supplier-dialog.png")
    dialog.reject()

    theme.apply(app, dark=True)
    window.restyle()
    window.show_view("review")
    shot("08-review-dark")
    window.show_view("dashboard")
    shot("09-dashboard-dark")
    theme.apply(app, dark=False)

    window.close()
    store.dispose()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
