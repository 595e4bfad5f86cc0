"""Loaders, one module per source format, and the registry that detects a file's format.

>>> from regint.data.loaders import load_file
>>> result = load_file("VRP_s_1998.xlsx")          # format detected
>>> result.observations.head()
"""

from __future__ import annotations

import importlib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from regint._options import check_option
from regint.data.loaders.base import LoadResult, LoadWarning, ensure_nonempty
from regint.errors import LoaderError

__all__ = ["FORMATS", "LoadResult", "LoadWarning", "detect_format", "load_file", "register"]


@dataclass(frozen=True)
class LoaderSpec:
    name: str
    description: str
    sniff: Callable[[Path], bool]
    load: Callable[..., LoadResult]


FORMATS: dict[str, LoaderSpec] = {}
#: Formats whose sniffers are narrow and must be tried before the broad ones (Rosstat xlsx, tidy tables).
_SNIFF_FIRST = {"belstat_portal": 0, "rosstat_wages_xlsx": 0, "wdi_latest": 0, "tidy": 2}

#: Modules that register a format; imported lazily on first use.
_MODULES = (
    "regint.data.loaders.belstat_portal",
    "regint.data.loaders.rosstat_wages_xlsx",
    "regint.data.loaders.press",
    "regint.data.loaders.sdmx",
    "regint.data.loaders.rosstat",
    "regint.data.loaders.rosstat806",
    "regint.data.loaders.belstat",
    "regint.data.loaders.wdi_latest",
    "regint.data.loaders.wdi",
    "regint.data.loaders.cbr",
    "regint.data.loaders.nbrb",
    "regint.data.loaders.rosstat_extra",
    "regint.data.loaders.template",  # last: its sniff accepts any tidy table
)


def register(name: str, description: str, sniff: Callable[[Path], bool], load: Callable[..., LoadResult]) -> None:
    """Register a loader under ``name`` (called at import time by each loader module)."""
    FORMATS[name] = LoaderSpec(name, description, sniff, load)


def _ensure_loaded() -> None:
    for mod in _MODULES:
        try:
            importlib.import_module(mod)
        except ModuleNotFoundError as exc:
            if exc.name != mod:
                raise


def detect_format(path: str | Path) -> str:
    """The name of the first registered format whose ``sniff`` accepts the file."""
    _ensure_loaded()
    p = Path(path)
    ensure_nonempty(p)
    for spec in sorted(FORMATS.values(), key=lambda s: _SNIFF_FIRST.get(s.name, 1)):
        try:
            if spec.sniff(p):
                return spec.name
        except Exception:  # noqa: BLE001 - a sniffer that cannot read the file simply says no
            continue
    raise LoaderError(
        "the format could not be recognised.", path=p,
        fix=f"pass --format with one of {sorted(FORMATS)}, or convert the table to the tidy CSV template "
        "(see `regint data template`).",
    )


def load_file(path: str | Path, format: str | None = None, **options: object) -> LoadResult:
    """Read a file into observations with the loader for ``format`` (detected when ``None``).

    The observations come in the catalog's unit, currency and price basis of each indicator
    (:func:`regint.data.units.conform_units`); a unit that cannot be converted refuses the whole file.
    """
    from dataclasses import replace

    from regint.data.units import conform_units

    _ensure_loaded()
    p = Path(path)
    ensure_nonempty(p)
    name = detect_format(p) if format is None else check_option("format", format, sorted(FORMATS))
    result = FORMATS[name].load(p, **options)
    return replace(result, observations=conform_units(result.observations, path=p))
