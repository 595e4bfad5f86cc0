"""regint — decision support for the economic integration of two neighbouring regions.

The default pair is Smolensk oblast (RU-SMO, Russia) and Vitebsk oblast (BY-VI, Belarus), with the other
Russia–Belarus border regions and the national totals as comparators.

>>> from regint import Settings, Study     # doctest: +SKIP
>>> study = Study.from_store(Settings())   # doctest: +SKIP
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from regint.errors import RegintError

if TYPE_CHECKING:
    from regint.study import Settings, Study

__all__ = ["RegintError", "Settings", "Study", "__version__"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    """``Study`` and ``Settings`` are imported on first use (``import regint`` stays light for the CLI)."""
    if name in ("Study", "Settings"):
        import regint.study as study

        return getattr(study, name)
    raise AttributeError(f"module 'regint' has no attribute {name!r}")
