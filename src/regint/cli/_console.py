"""One way to make a console for every command: terminal width, or 200 columns into a file or pipe."""

from __future__ import annotations

from rich.console import Console


def make_console(stderr: bool = False) -> Console:
    """A console as wide as the terminal, or 200 columns when output goes to a file or pipe (no truncation)."""
    probe = Console(stderr=stderr)
    return probe if probe.is_terminal else Console(stderr=stderr, width=200)
