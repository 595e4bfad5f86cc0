"""Excel output of the report: the project's one export writer (:mod:`regint.exports`), which sizes the
columns, writes the notes under each table and neutralises formula injection in every cell and header."""

from __future__ import annotations

from regint.exports import neutralise, safe_frame, write_xlsx

__all__ = ["neutralise", "safe_frame", "write_xlsx"]
