"""Team mode on PostgreSQL: the roles a shared store is used under, as SQL to print or apply.

- The **owner** role owns the tables and runs the schema upgrades.
- The **reviewer** group reads and writes the case data but may only INSERT into and SELECT from
  the audit log: its UPDATE, DELETE and TRUNCATE rights are withheld, and a trigger refuses those
  statements for every role (only the owner could drop the trigger: keep the owner login for
  upgrades, not for daily work).
- The **auditor** group reads everything and writes nothing.

Each reviewer logs in as their own role, member of the reviewer group; Workbench records the
server's `session_user` on their decisions and audit entries.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from workbench.errors import InputError

ROLE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")
AUDIT_TABLE = "audit_log"
TRIGGER_FUNCTION = "workbench_audit_append_only"


@dataclass(frozen=True)
class TeamRoles:
    """The role names of a team store."""

    owner: str = "workbench_owner"
    reviewers: str = "workbench_reviewer"
    auditors: str = "workbench_auditor"

    def __post_init__(self) -> None:
        for role in (self.owner, self.reviewers, self.auditors):
            check_role_name(role)
        if len({self.owner, self.reviewers, self.auditors}) < 3:
            raise InputError("The owner, reviewer and auditor roles must have three different names.")


def check_role_name(name: str) -> str:
    """Return `name` if it is a plain PostgreSQL role name, else raise InputError saying why."""
    if not ROLE_NAME.match(name):
        raise InputError(
            f"'{name}' is not a role name Workbench accepts: use lower-case letters, digits and '_' "
            "(at most 63, not starting with a digit), e.g. jane_doe."
        )
    return name


def _ensure_role(name: str, options: str) -> str:
    return (
        f"DO $$ BEGIN\n  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{name}') THEN\n"
        f'    CREATE ROLE "{name}" {options};\n  END IF;\nEND $$;'
    )


def init_db_sql(roles: TeamRoles) -> str:
    """The SQL that creates the roles and grants, and protects the audit log (idempotent)."""
    owner, rev, aud = f'"{roles.owner}"', f'"{roles.reviewers}"', f'"{roles.auditors}"'
    return "\n".join(
        [
            "-- Workbench team mode: run once as a superuser (or a role with CREATEROLE that owns the",
            "-- tables), after the schema exists (open the store once, or `workbench team init-db --apply`).",
            _ensure_role(roles.owner, "LOGIN"),
            _ensure_role(roles.reviewers, "NOLOGIN"),
            _ensure_role(roles.auditors, "NOLOGIN"),
            "",
            "-- The owner owns every table (and its id sequence) and runs the schema upgrades.",
            f"GRANT USAGE, CREATE ON SCHEMA public TO {owner};",
            "DO $$ DECLARE t record; BEGIN",
            "  FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = 'public' LOOP",
            f"    EXECUTE format('ALTER TABLE public.%I OWNER TO %I', t.tablename, '{roles.owner}');",
            "  END LOOP;",
            "END $$;",
            "",
            "-- Reviewers read and write the case data; auditors only read.",
            f"GRANT USAGE ON SCHEMA public TO {rev}, {aud};",
            f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {rev};",
            f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {rev};",
            f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {aud};",
            f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public",
            f"  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {rev};",
            f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public",
            f"  GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO {rev};",
            f"ALTER DEFAULT PRIVILEGES FOR ROLE {owner} IN SCHEMA public GRANT SELECT ON TABLES TO {aud};",
            "",
            "-- The audit log: reviewers may only add to it and read it ...",
            f"REVOKE UPDATE, DELETE, TRUNCATE ON {AUDIT_TABLE} FROM {rev};",
            "-- ... and nobody may change or remove its entries.",
            f"CREATE OR REPLACE FUNCTION {TRIGGER_FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $$",
            "BEGIN",
            "  RAISE EXCEPTION 'The audit log is append-only: its entries cannot be changed or deleted.'",
            "    USING ERRCODE = 'insufficient_privilege';",
            "END $$;",
            f"ALTER FUNCTION {TRIGGER_FUNCTION}() OWNER TO {owner};",
            f"DROP TRIGGER IF EXISTS audit_log_append_only ON {AUDIT_TABLE};",
            f"CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON {AUDIT_TABLE}",
            f"  FOR EACH ROW EXECUTE FUNCTION {TRIGGER_FUNCTION}();",
            f"DROP TRIGGER IF EXISTS audit_log_no_truncate ON {AUDIT_TABLE};",
            f"CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON {AUDIT_TABLE}",
            f"  FOR EACH STATEMENT EXECUTE FUNCTION {TRIGGER_FUNCTION}();",
            "",
        ]
    )


def add_reviewer_sql(name: str, roles: TeamRoles) -> str:
    """The SQL that creates the login role `name` in the reviewer group (or adds it to the group)."""
    check_role_name(name)
    if name in (roles.owner, roles.reviewers, roles.auditors):
        raise InputError(f"'{name}' is one of the team's group roles; give the reviewer's own login name.")
    return "\n".join(
        [
            f"-- A login for reviewer {name}; set a password with \\password {name} in psql, or use the",
            "-- server's own authentication (pg_hba.conf).",
            _ensure_role(name, f'LOGIN IN ROLE "{roles.reviewers}"'),
            f'GRANT "{roles.reviewers}" TO "{name}";',
            "",
        ]
    )
