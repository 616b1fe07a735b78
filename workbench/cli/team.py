"""`workbench team`: set up a shared PostgreSQL store for a team (roles, grants, reviewer logins)."""

from __future__ import annotations

import argparse

from workbench.data.store import StoreError, open_store


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("team", help="team mode on PostgreSQL: roles and reviewer logins")
    sub = parser.add_subparsers(dest="team_command", metavar="ACTION", required=True)

    init = sub.add_parser(
        "init-db",
        help="print (or apply) the SQL that creates the owner, reviewer and auditor roles",
        description="Reviewers may read and write case data but only add to and read the audit log "
        "(grants and a trigger); auditors only read. Without --apply the SQL is printed for a database "
        "administrator to run with psql.",
    )
    _role_options(init)
    init.add_argument("--apply", action="store_true", help="run it on the store (WORKBENCH_DB_URL)")
    init.set_defaults(func=run_init_db)

    add = sub.add_parser(
        "add-reviewer",
        help="print (or apply) the SQL that creates a reviewer's own database login",
        description="Each reviewer connects as their own role; decisions and the audit log record it.",
    )
    add.add_argument("name", metavar="NAME", help="the reviewer's login role, e.g. jane_doe")
    add.add_argument("--reviewer-group", default="workbench_reviewer", metavar="ROLE")
    add.add_argument("--apply", action="store_true", help="run it on the store (WORKBENCH_DB_URL)")
    add.set_defaults(func=run_add_reviewer)


def _role_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--owner", default="workbench_owner", metavar="ROLE", help="owns and migrates")
    parser.add_argument("--reviewer-group", default="workbench_reviewer", metavar="ROLE")
    parser.add_argument("--auditor-group", default="workbench_auditor", metavar="ROLE")


def run_init_db(args: argparse.Namespace) -> int:
    from workbench.data.team_roles import TeamRoles, init_db_sql

    sql = init_db_sql(TeamRoles(args.owner, args.reviewer_group, args.auditor_group))
    return _apply(sql, "Team roles set up") if args.apply else _print(sql)


def run_add_reviewer(args: argparse.Namespace) -> int:
    from workbench.data.team_roles import TeamRoles, add_reviewer_sql

    roles = TeamRoles(reviewers=args.reviewer_group)
    sql = add_reviewer_sql(args.name, roles)
    return _apply(sql, f"Reviewer login {args.name} ready") if args.apply else _print(sql)


def _print(sql: str) -> int:
    print(sql, end="")
    return 0


def _apply(sql: str, done: str) -> int:
    """Run `sql` in one transaction on the configured store (migrated first, so the tables exist)."""
    store = open_store(load_builtin=False)
    try:
        if store.engine.dialect.name != "postgresql":
            raise StoreError(
                "Team mode needs a shared PostgreSQL store: set WORKBENCH_DB_URL, e.g. "
                "postgresql+psycopg://admin@host/workbench. The embedded store records the OS account."
            )
        raw = store.engine.raw_connection()  # the driver runs the script as is (DO blocks, '%' signs)
        try:
            raw.cursor().execute(sql)
            raw.commit()
        finally:
            raw.close()
    finally:
        store.dispose()
    print(f"{done} on {store.engine.url.render_as_string(hide_password=True)}.")
    return 0
