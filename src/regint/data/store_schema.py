"""The store's tables, its schema version and the migrations from older versions.

Version 1 (regint before the office release) had ``imports`` and ``observations`` and no version mark.
Version 2 adds the table ``regint_meta`` (``schema_version``) and, in ``imports``, who made the import
(``imported_by``) and its warnings (``warnings``, one per line: the implausible values, unit mismatches and
conflicts with earlier imports it landed with). Each migration is one transaction: it either completes or
leaves the store as it was. A store written by a newer regint is refused, never changed.
"""

from __future__ import annotations

from regint.data.schema import OBS_COLUMNS

#: The version this regint writes.
SCHEMA_VERSION = 2

IMPORT_COLUMNS: tuple[str, ...] = ("import_id", "file_name", "checksum", "format", "imported_at", "n_rows",
                                   "n_warnings", "vintage", "note", "imported_by", "warnings")


def create_statements(text: str = "VARCHAR", real: str = "DOUBLE") -> list[str]:
    """``CREATE TABLE IF NOT EXISTS`` statements of the current version (type names per SQL dialect)."""
    types = {"import_id": "INTEGER PRIMARY KEY", "imported_at": "TIMESTAMP", "n_rows": "INTEGER",
             "n_warnings": "INTEGER"}
    imports = ", ".join(f"{c} {types.get(c, text)}" for c in IMPORT_COLUMNS)
    obs = ", ".join(f"{c} {real if c == 'value' else text}" for c in OBS_COLUMNS)
    return [
        f"CREATE TABLE IF NOT EXISTS regint_meta (key {text} PRIMARY KEY, value {text})",
        f"CREATE TABLE IF NOT EXISTS imports ({imports})",
        f"CREATE TABLE IF NOT EXISTS observations (import_id INTEGER, {obs})",
    ]


#: Statements taking a store from version ``k`` to ``k + 1`` (key ``k``).
MIGRATIONS: dict[int, list[str]] = {
    1: ["CREATE TABLE IF NOT EXISTS regint_meta (key VARCHAR PRIMARY KEY, value VARCHAR)",
        "ALTER TABLE imports ADD COLUMN imported_by VARCHAR DEFAULT ''",
        "ALTER TABLE imports ADD COLUMN warnings VARCHAR DEFAULT ''"],
}


def newer_schema_message(where: str, found: int) -> str:
    """The refusal for a store of a newer schema version."""
    return (f"the store {where} was written by a newer regint (schema version {found}; this regint knows "
            f"versions up to {SCHEMA_VERSION}). Nothing was read or changed. Fix: upgrade regint "
            "(pip install -U regint), or choose another store with --store or REGINT_STORE.")
