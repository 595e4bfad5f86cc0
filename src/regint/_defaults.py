"""Defaults shared by every layer (the core): the pair a study is made for when none is chosen.

The analyses (``regint.experts``, ``regint.index``) cannot import :mod:`regint.study`, so the default pair lives
here and :mod:`regint.study.settings` re-exports it; there is one definition.
"""

from __future__ import annotations

#: The default pair of the study: Smolensk oblast (Russia) and Vitebsk oblast (Belarus).
DEFAULT_PAIR: tuple[str, str] = ("RU-SMO", "BY-VI")

__all__ = ["DEFAULT_PAIR"]
