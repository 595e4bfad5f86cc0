"""The dashboard: explore the data, compare the pairs, run scenarios and collect expert judgements in a browser.

Start it with ``regint serve`` (loopback, port 8050) or build it with :func:`regint.web.app.create_app`. The
pages are modules of :mod:`regint.web.pages` (layout, plain functions, callbacks) that render a study; see
:mod:`regint.web.uploads` and :mod:`regint.web.downloads` for how files cross the browser boundary.
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def create_app(*args: Any, **kwargs: Any) -> Any:
    """See :func:`regint.web.app.create_app` (imported lazily: Dash is loaded only when the app is built)."""
    from regint.web.app import create_app as _create

    return _create(*args, **kwargs)
