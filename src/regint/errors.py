"""One exception hierarchy for regint.

Every error says what happened, where (file, sheet, row, column where they apply) and how to fix it.
Tests pin these messages with ``pytest.raises(match=...)``.
"""

from __future__ import annotations

from pathlib import Path


class RegintError(Exception):
    """Base class of every error regint raises on purpose."""


class RegintWarning(UserWarning):
    """Base class of every warning regint issues on purpose."""


class ScaleWarning(RegintWarning):
    """A value estimated from judgements (an AHP completion) falls outside the scale the judgements use."""


class OptionError(RegintError, ValueError):
    """A closed option (a ``Literal`` parameter) got a value outside its set."""


class DataError(RegintError):
    """Input data are unusable as given (schema, units, keys, values)."""


class LoaderError(DataError):
    """A source file could not be read into observations.

    Parameters
    ----------
    problem : str
        What happened, in one sentence.
    path : path-like, optional
        The file.
    sheet, row, column : optional
        Where in the file; rows are 1-based as a spreadsheet or text editor shows them.
    fix : str, optional
        How the user can fix it.
    """

    def __init__(
        self,
        problem: str,
        *,
        path: str | Path | None = None,
        sheet: str | None = None,
        row: int | None = None,
        column: str | int | None = None,
        fix: str | None = None,
    ) -> None:
        self.problem = problem
        self.path = None if path is None else Path(path)
        self.sheet = sheet
        self.row = row
        self.column = column
        self.fix = fix
        super().__init__(self._compose())

    def _compose(self) -> str:
        where = []
        if self.path is not None:
            where.append(f"file {self.path.name}")
        if self.sheet is not None:
            where.append(f"sheet {self.sheet!r}")
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column}")
        text = self.problem
        if where:
            text = f"{', '.join(where)}: {text}"
        if self.fix:
            text = f"{text} Fix: {self.fix}"
        return text


class StoreError(RegintError):
    """The observation store could not be opened, read or written."""


class CatalogError(DataError):
    """A code (region, indicator, source) is not in its catalog."""


class ModelError(RegintError):
    """A model cannot be estimated or solved with the data given (singular, non-productive, separated)."""
