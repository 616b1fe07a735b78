"""Smoke test of the BUILT app (dist/), standard library only: `make package-test`.

Against the frozen executable, on a fresh temporary WORKBENCH_HOME and QT_QPA_PLATFORM=offscreen:
the desktop window comes up on an empty data dir (store created and migrated) and opens every view
(views are imported when first shown), `screen` finds a listed entity in a small CSV, `suppliers import`
stores two suppliers, `memo` writes a signed PDF, `verify` accepts it and rejects a tampered copy.
On Linux with xvfb-run the window also comes up on the xcb platform plugin (the one a desktop uses).
Without WORKBENCH_HOME (on a fake user home) the store and the log land in the platform folders.
Every run fails on a missing module, resource or Qt plugin.

    python packaging/smoke_test.py [--app dist/Workbench] [--bench 5]

`--bench N` also times N cold starts (the medians go to docs/PERFORMANCE.md, "Installer").
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PASSPHRASE = "smoke-test passphrase"
SUPPLIERS_CSV = (
    "name,country,local_name,address,aliases,product,hs_code,origin\n"
    'Hoshine Silicon Industry Co Ltd,CN,合盛硅业股份有限公司,"Shanshan, Xinjiang",,'
    "metallurgical grade silicon,2804.69,Xinjiang\n"
    "Saigon Nitrile Gloves JSC,VN,,Binh Duong,,nitrile examination gloves,4015.19,VN\n"
)
# Signs that the bundle lacks something (a module, a data file, a Qt plugin, a shared library).
BROKEN = re.compile(
    r"ModuleNotFoundError|No module named|ImportError|FileNotFoundError|Traceback \(most recent call last\)"
    r"|Could not find the Qt platform plugin|could not load the Qt platform plugin|Failed to execute script"
    r"|\[PYI-\d+:ERROR\]|cannot open shared object file|PackageNotFoundError",
    re.IGNORECASE,
)


class SmokeFailure(Exception):
    pass


def executables(app: Path) -> tuple[Path, Path]:
    """(GUI executable, CLI executable) inside the built folder for this platform."""
    if sys.platform == "win32":
        return app / "Workbench.exe", app / "workbench-cli.exe"
    if sys.platform == "darwin" and app.suffix == ".app":
        exe = app / "Contents" / "MacOS" / "Workbench"
        return exe, exe
    return app / "Workbench", app / "Workbench"


def clean_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of an end user: no virtualenv or source tree, a fresh data dir, offscreen Qt."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("PYTHON", "VIRTUAL_ENV", "WORKBENCH_", "QT_", "CONDA"))
    }
    env.update({"WORKBENCH_HOME": str(home), "QT_QPA_PLATFORM": "offscreen", **extra})
    return env


def run(
    cmd: list[str], env: dict[str, str], cwd: Path, timeout: float = 180
) -> subprocess.CompletedProcess[str]:
    """Run one command of the bundle; fail on a timeout or any sign of a missing piece in its output."""
    try:
        proc = subprocess.run(
            cmd,
            env=env,
            cwd=cwd,
            capture_output=True,
            text=True,
            encoding="utf-8",
            errors="replace",
            timeout=timeout,
        )
    except subprocess.TimeoutExpired as exc:
        raise SmokeFailure(
            f"{' '.join(cmd)} did not finish within {timeout:.0f} s "
            f"(a modal error dialog?)\nstderr: {exc.stderr}"
        ) from None
    for stream in (proc.stdout, proc.stderr):
        match = BROKEN.search(stream or "")
        if match:
            raise SmokeFailure(
                f"{' '.join(cmd)}: '{match.group(0)}' in its output:\n{proc.stderr}\n{proc.stdout}"
            )
    return proc


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise SmokeFailure(message)


def check_layout(app: Path) -> None:
    """Files loaded from disk at run time are in the bundle (PyInstaller only follows imports)."""
    # A macOS .app keeps data in Contents/Resources (with links from Contents/Frameworks).
    bases = [app / "Contents" / "Resources", app / "Contents" / "Frameworks"] if app.suffix == ".app" else []
    internal = app / "_internal"
    wanted = [
        "workbench/resources/measures/measures.json",
        "workbench/resources/reference/ilo_indicators.json",
        "workbench/resources/fonts/DejaVuSerif.ttf",
        "workbench/resources/fonts/wqy-microhei.ttc",
        "workbench/resources/fonts/DejaVuSans.ttf",  # with wqy-microhei: the UI fonts registered with Qt
        "workbench/resources/fonts/DejaVuSans-Bold.ttf",
        "workbench/resources/guide/user_guide.md",
        "workbench/resources/icons/workbench-256.png",
        "workbench/data/migrations/env.py",
        "workbench/data/migrations/script.py.mako",
    ]
    wanted += [
        f"workbench/data/migrations/versions/{p.name}"
        for p in (ROOT / "workbench/data/migrations/versions").glob("*.py")
    ]
    missing = [w for w in wanted if not any((base / w).is_file() for base in [internal, *bases])]
    expect(not missing, f"missing from the bundle: {missing}")
    plugins = {p.name for p in internal.glob("PySide6/Qt/plugins/platforms/*")}
    if sys.platform.startswith("linux"):
        for name in ("libqoffscreen.so", "libqxcb.so", "libqwayland.so"):
            expect(name in plugins, f"Qt platform plugin {name} missing (have {sorted(plugins)})")
    print(f"ok   bundle layout: {len(wanted)} data files, Qt platforms {sorted(plugins)}")


def check_version(cli: Path, work: Path) -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]
    proc = run([str(cli), "--version"], clean_env(work / "home-version"), work)
    expect(
        proc.returncode == 0 and proc.stdout.strip() == f"workbench {version}",
        f"--version printed {proc.stdout!r} (exit {proc.returncode}), expected 'workbench {version}'",
    )
    print(f"ok   --version: {proc.stdout.strip()}")


def start_gui(
    gui: Path, home: Path, work: Path, *, platform: str = "offscreen", wrapper: list[str] | None = None
) -> float:
    """Start the window on `home`, let it open every view, quit; return the seconds until it was shown.

    The time is taken when the app prints `window-shown` (a windowed Windows build prints nothing:
    then it is the whole run).
    """
    env = clean_env(home, WORKBENCH_SMOKE_EXIT_AFTER_MS="0", QT_QPA_PLATFORM=platform)
    cmd = [*(wrapper or []), str(gui)]
    stderr_path = work / "gui-stderr.txt"
    lines: list[str] = []
    shown_at: float | None = None
    with stderr_path.open("w+", encoding="utf-8", errors="replace") as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(
            cmd,
            env=env,
            cwd=work,
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
            encoding="utf-8",
            errors="replace",
        )
        killer = threading.Timer(120, proc.kill)
        killer.start()
        try:
            assert proc.stdout is not None
            for line in proc.stdout:
                if line.startswith("window-shown") and shown_at is None:
                    shown_at = time.perf_counter() - t0
                lines.append(line)
            code = proc.wait()
        finally:
            killed = not killer.is_alive() and proc.returncode not in (0, None)
            killer.cancel()
        elapsed = time.perf_counter() - t0
        err.seek(0)
        stderr = err.read()
    stdout = "".join(lines)
    expect(not killed, f"{' '.join(cmd)} did not finish within 120 s (a modal error dialog?)\n{stderr}")
    for stream in (stdout, stderr):
        match = BROKEN.search(stream)
        expect(not match, f"{' '.join(cmd)}: '{match.group(0) if match else ''}' in its output:\n{stderr}")
    log = home / "logs" / "workbench.log"
    log_text = log.read_text(encoding="utf-8", errors="replace") if log.is_file() else ""
    expect(code == 0, f"the app exited with {code}:\n{stderr}\n{log_text[-3000:]}")
    shown = "window-shown visible=True" in stdout or "Smoke test: main window shown" in log_text
    expect(shown, f"the main window was not reported shown.\nstdout: {stdout}\nstderr: {stderr}")
    views = "views-shown " in stdout or "Smoke test: views opened" in log_text
    expect(views, f"the views were not all opened.\nstdout: {stdout}\nstderr: {stderr}")
    expect(log.is_file(), f"no log file at {log}")
    bad = BROKEN.search(log_text) or re.search(r" (ERROR|CRITICAL) ", log_text)
    expect(not bad, f"the log has errors:\n{log_text[-3000:]}")
    expect((home / "workbench.sqlite3").is_file(), f"no store was created in {home}")
    return shown_at if shown_at is not None else elapsed


def views_line(home: Path) -> str:
    log = (home / "logs" / "workbench.log").read_text(encoding="utf-8", errors="replace")
    found = re.findall(r"Smoke test: views opened: (.*)", log)
    return found[-1] if found else ""


def check_gui(gui: Path, work: Path) -> None:
    home = work / "home-gui"
    elapsed = start_gui(gui, home, work)
    print(f"ok   window shown on a fresh data dir (offscreen, store created) after {elapsed:.2f} s")
    print(f"ok   every view opened: {views_line(home)}")
    again = start_gui(gui, home, work)
    print(f"ok   window shown again on the existing store after {again:.2f} s")
    xvfb = shutil.which("xvfb-run")
    if sys.platform.startswith("linux") and xvfb:
        elapsed = start_gui(gui, work / "home-xcb", work, platform="xcb", wrapper=[xvfb, "-a"])
        print(f"ok   window shown on the xcb platform plugin (Xvfb) after {elapsed:.2f} s")
    elif sys.platform.startswith("linux"):
        print("note xcb check not run: xvfb-run is not installed (`bash packaging/system-deps.sh package`)")


def check_platform_dirs(gui: Path, work: Path) -> None:
    """Without WORKBENCH_HOME the first start puts the store in the platform data dir and the log in
    the platform log dir (a fake user home here, so the real one is never touched)."""
    user = work / "user-home"
    env = clean_env(user, WORKBENCH_SMOKE_EXIT_AFTER_MS="0")
    del env["WORKBENCH_HOME"]
    env = {k: v for k, v in env.items() if not k.startswith("XDG_")}
    roaming, local = str(user / "AppData" / "Roaming"), str(user / "AppData" / "Local")
    env.update(
        HOME=str(user),
        USERPROFILE=str(user),
        APPDATA=roaming,
        LOCALAPPDATA=local,
        # platformdirs asks Windows itself for these folders unless told otherwise
        WIN_PD_OVERRIDE_APPDATA=roaming,
        WIN_PD_OVERRIDE_LOCAL_APPDATA=local,
    )
    user.mkdir()
    proc = run([str(gui)], env, work, timeout=120)
    expect(proc.returncode == 0, f"the app exited with {proc.returncode}: {proc.stderr}")
    stores = list(user.rglob("workbench.sqlite3"))
    logs = list(user.rglob("workbench.log"))
    expect(len(stores) == 1 and len(logs) == 1, f"store {stores}, log {logs} under {user}")
    shown = "Smoke test: main window shown" in logs[0].read_text(encoding="utf-8", errors="replace")
    expect(shown, f"the log {logs[0]} does not record the shown window")
    where = f"store {stores[0].relative_to(user)}, log {logs[0].relative_to(user)}"
    print(f"ok   platform folders on a new user account: {where}")


def check_scripts(cli: Path, env: dict[str, str], work: Path) -> None:
    """Traditional characters (OpenCC) and Cyrillic look-alikes (confusables, anyascii) in the bundle."""
    path = work / "scripts.csv"
    path.write_text("name,country\n和田泰達服裝有限公司,CN\nНеtian Таidа Apparel Co.,CN\n", encoding="utf-8")
    proc = run([str(cli), "screen", str(path), "--format", "json"], env, work)
    expect(proc.returncode == 0, f"screen of other scripts exited {proc.returncode}: {proc.stderr}")
    results = json.loads(proc.stdout)["results"]
    found = [r["matches"][0]["entity_id"] if r["matches"] else None for r in results]
    expect(found == ["hetian-taida-apparel"] * 2, f"other scripts did not find Hetian Taida: {found}")
    print("ok   screen: traditional characters and Cyrillic look-alikes find Hetian Taida")


def check_cli(cli: Path, work: Path) -> None:
    home = work / "home-cli"
    env = clean_env(home, WORKBENCH_SIGNING_PASSPHRASE=PASSPHRASE)
    csv_path = work / "suppliers.csv"
    csv_path.write_text(SUPPLIERS_CSV, encoding="utf-8")

    proc = run([str(cli), "screen", str(csv_path), "--format", "json"], env, work)
    expect(proc.returncode == 0, f"screen exited {proc.returncode}: {proc.stderr}")
    rows = json.loads(proc.stdout)["results"]
    expect(
        [r["input_name"] for r in rows] == ["Hoshine Silicon Industry Co Ltd", "Saigon Nitrile Gloves JSC"],
        f"screen rows: {rows}",
    )
    hoshine = rows[0]["matches"]
    expect(
        bool(hoshine) and "Hoshine" in hoshine[0]["entity_name"] and hoshine[0]["score"] >= 70,
        f"screen did not find Hoshine on the lists: {rows[0]}",
    )
    expect(not rows[1]["matches"], f"screen matched the clean supplier: {rows[1]}")
    print(
        f"ok   screen: {hoshine[0]['entity_name']!r} scored {hoshine[0]['score']} ({hoshine[0]['authority']})"
    )
    check_scripts(cli, env, work)

    proc = run([str(cli), "suppliers", "import", str(csv_path), "--format", "json"], env, work)
    expect(proc.returncode == 0, f"suppliers import exited {proc.returncode}: {proc.stderr}")
    summary = json.loads(proc.stdout)
    expect(summary["suppliers_created"] == 2, f"suppliers import: {summary}")
    created, added = summary["suppliers_created"], summary["products_added"]
    print(f"ok   suppliers import: {created} suppliers, {added} products")

    proc = run([str(cli), "suppliers", "list", "--format", "json"], env, work)
    expect(proc.returncode == 0, f"suppliers list exited {proc.returncode}: {proc.stderr}")
    local_names = {row["local_name"] for row in json.loads(proc.stdout)["suppliers"]}
    expect("合盛硅业股份有限公司" in local_names, f"Chinese name not written back as UTF-8: {local_names}")
    print("ok   suppliers list: the Chinese name comes back intact (UTF-8 output)")

    pdf = work / "memo.pdf"
    proc = run(
        [
            str(cli),
            "memo",
            "--supplier",
            "Hoshine Silicon Industry Co Ltd",
            "-o",
            str(pdf),
            "--reviewer",
            "Smoke Test",
            "--organisation",
            "Workbench",
            "--format",
            "json",
        ],
        env,
        work,
    )
    expect(proc.returncode == 0, f"memo exited {proc.returncode}: {proc.stderr}")
    memo = json.loads(proc.stdout)
    expect(pdf.is_file() and pdf.read_bytes().startswith(b"%PDF") and memo["pages"] >= 1, f"memo: {memo}")
    print(f"ok   memo: {memo['pages']} pages, {pdf.stat().st_size // 1024} KiB, signed by {memo['signer']}")

    proc = run([str(cli), "verify", str(pdf), "--format", "json"], env, work)
    result = json.loads(proc.stdout)
    expect(
        proc.returncode == 0 and result.get("ok") is True, f"verify exited {proc.returncode}: {proc.stdout}"
    )
    print("ok   verify: signature intact, valid and covering the whole file")

    tampered = work / "tampered.pdf"
    data = bytearray(pdf.read_bytes())
    offset = data.find(b"Hoshine")
    expect(offset > 0, "the memo text is not findable for the tamper check")
    data[offset] = ord("J")
    tampered.write_bytes(bytes(data))
    proc = run([str(cli), "verify", str(tampered), "--format", "json"], env, work)
    expect(proc.returncode == 1, f"verify accepted a tampered memo (exit {proc.returncode}): {proc.stdout}")
    print("ok   verify: a tampered copy is rejected (exit 1)")


def bench(gui: Path, cli: Path, work: Path, runs: int) -> None:
    """Median wall times of `--version`, the first start (fresh data dir) and later starts."""
    version, first, later = [], [], []
    for i in range(runs):
        t0 = time.perf_counter()
        run([str(cli), "--version"], clean_env(work / f"bench-v{i}"), work)
        version.append(time.perf_counter() - t0)
        home = work / f"bench-gui{i}"
        first.append(start_gui(gui, home, work))
        later.append(start_gui(gui, home, work))
    for label, values in (
        ("--version", version),
        ("window, fresh data dir", first),
        ("window, existing store", later),
    ):
        spread = ", ".join(f"{v:.2f}" for v in values)
        print(f"bench {label}: median {statistics.median(values):.2f} s over {runs} runs ({spread})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    default_app = ROOT / "dist" / ("Workbench.app" if sys.platform == "darwin" else "Workbench")
    parser.add_argument(
        "--app", type=Path, default=default_app, help=f"the built app (default {default_app})"
    )
    parser.add_argument("--bench", type=int, default=0, metavar="N", help="also time N cold starts")
    args = parser.parse_args(argv)
    gui, cli = executables(args.app.resolve())
    if not gui.is_file():
        print(f"FAIL no built app at {gui}: run `make package` first", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory(prefix="workbench-smoke-") as tmp:
        work = Path(tmp)
        try:
            check_layout(args.app.resolve())
            check_version(cli, work)
            check_gui(gui, work)
            check_platform_dirs(gui, work)
            check_cli(cli, work)
            if args.bench:
                bench(gui, cli, work, args.bench)
        except SmokeFailure as exc:
            print(f"FAIL {exc}", file=sys.stderr)
            return 1
    print(f"Smoke test passed: {gui}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
