"""Fixtures of the dashboard tests: a context on an in-memory store, and the app served on a free loopback port."""

from __future__ import annotations

import socket
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

pytest.importorskip("dash", reason="the dashboard needs dash (pip install dash)")

from regint.web.context import WebContext  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "out" / "screenshots"


@pytest.fixture(scope="session")
def web_ctx(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebContext]:
    """A context on an in-memory store filled from the shipped dataset (small index Monte Carlo)."""
    ctx = WebContext(store_path=Path(":memory:"), responses_dir=tmp_path_factory.mktemp("responses"), index_runs=30)
    yield ctx
    ctx.close()


@dataclass
class LiveServer:
    url: str
    app: object
    responses_dir: Path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The app on 127.0.0.1:<free port>, served by werkzeug in a background thread for the whole session."""
    from werkzeug.serving import make_server

    from regint.web.app import create_app

    responses = tmp_path_factory.mktemp("live-responses")
    app = create_app(store_path=":memory:", responses_dir=responses, index_runs=30, lang="ru", warm_up=True)
    port = free_port()
    server = make_server("127.0.0.1", port, app.server, threaded=True)
    thread = threading.Thread(target=server.serve_forever, name="regint-test-server", daemon=True)
    thread.start()
    try:
        yield LiveServer(f"http://127.0.0.1:{port}", app, responses)
    finally:
        server.shutdown()
        thread.join(timeout=5)
        app.regint_context.close()  # type: ignore[attr-defined]
