"""The error of the scenarios package: what is wrong, in which file and key (or row and field), and the fix."""

from __future__ import annotations

from pathlib import Path

from regint.errors import DataError


class ScenarioError(DataError):
    """A lever catalogue, scenario file or target is unusable as given.

    Parameters
    ----------
    problem : str
        What happened, in one sentence.
    path : path-like, optional
        The file.
    key : str, optional
        Where in the file: a TOML key (``levers.border_m1.intensity``) or ``row 4, field effect_low``.
    fix : str, optional
        How to fix it.
    """

    def __init__(self, problem: str, *, path: str | Path | None = None, key: str | None = None,
                 fix: str | None = None) -> None:
        self.problem = problem
        self.path = None if path is None else Path(path)
        self.key = key
        self.fix = fix
        where = []
        if self.path is not None:
            where.append(f"file {self.path.name}")
        if key:
            where.append(key)
        text = f"{', '.join(where)}: {problem}" if where else problem
        if fix:
            text = f"{text} Fix: {fix}"
        super().__init__(text)
