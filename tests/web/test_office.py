"""The office case: the dashboard serves on 127.0.0.1 while ``regint data import``, ``regint data show`` and
``regint report --fast`` run on the same store; all succeed and the dashboard shows the new data after the
import (no connection is held between requests; the panel snapshot is refreshed when the import log changes)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from regint.data.store import Store

VALUE = re.compile(r"12[\s\u00a0\u202f,]?345[.,]6")
#: The value as the dashboard's table prints it (rounded, thin-space thousands separator).
SHOWN = re.compile(r"12[\s\u00a0\u202f,]?346(?!\d)")


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _env(store: Path) -> dict[str, str]:
    return {**os.environ, "REGINT_STORE": str(store), "PYTHONPATH": os.pathsep.join(sys.path), "MPLBACKEND": "Agg"}


def _regint(store: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "regint", *args], capture_output=True, text=True, timeout=timeout,
                          env=_env(store))


def _post(url: str, body: dict[str, Any]) -> str:
    req = urllib.request.Request(url + "/_dash-update-component", data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=120) as res:  # noqa: S310 - a loopback test server
        return res.read().decode("utf-8")


def _indicator_table(url: str) -> str:
    """The text of the indicator page's table for RU-SMO wages 1990–1992 (as the browser receives it)."""
    answer = json.loads(_post(url, {
        "output": "..ind-graph.figure...ind-table.children..",
        "outputs": [{"id": "ind-graph", "property": "figure"}, {"id": "ind-table", "property": "children"}],
        "inputs": [{"id": "ind-indicator", "property": "value", "value": "wage_nominal"},
                   {"id": "ind-regions", "property": "value", "value": ["RU-SMO"]},
                   {"id": "ind-years", "property": "value", "value": [1990, 1992]},
                   {"id": "ind-usd", "property": "value", "value": []}],
        "changedPropIds": ["ind-indicator.value"],
        "state": [{"id": "indicators-lang", "property": "data", "value": "en"}]}))
    return json.dumps(answer["response"]["ind-table"], ensure_ascii=False)


def _wait_until_up(url: str, proc: subprocess.Popen[str], seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise AssertionError(f"the dashboard exited: {proc.stderr.read() if proc.stderr else ''}")
        try:
            with urllib.request.urlopen(url + "/_dash-layout", timeout=5):  # noqa: S310
                return
        except (urllib.error.URLError, OSError):
            time.sleep(0.5)
    raise AssertionError("the dashboard did not answer")


@pytest.mark.slow
def test_cli_and_report_run_while_the_dashboard_serves(tmp_path: Path) -> None:
    store = tmp_path / "office.duckdb"
    Store(store).close()  # filled from the shipped dataset, as on first use
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "regint", "serve", "--host", "127.0.0.1", "--port", str(port)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=_env(store))
    try:
        _wait_until_up(url, server)
        assert not SHOWN.search(_indicator_table(url))  # the snapshot before the import
        csv = tmp_path / "wage1991.csv"
        csv.write_text("region;indicator;period;value;unit;currency;source;status\n"
                       "RU-SMO;wage_nominal;1991;12345.6;RUB per month;RUB;user;official\n", encoding="utf-8")
        imported = _regint(store, "data", "import", str(csv))
        assert imported.returncode == 0, imported.stdout + imported.stderr
        assert "import #2" in imported.stdout
        shown = _regint(store, "data", "show", "wage_nominal", "--regions", "RU-SMO", "--years", "1991")
        assert shown.returncode == 0 and VALUE.search(shown.stdout), shown.stdout + shown.stderr
        report = _regint(store, "report", "--fast", "--formats", "html", "--lang", "en", "--out",
                         str(tmp_path / "report"))
        assert report.returncode == 0, report.stdout[-2000:] + report.stderr[-2000:]
        assert (tmp_path / "report" / "report_en.html").stat().st_size > 10_000
        time.sleep(2.5)  # the dashboard compares its snapshot with the import log at most every 2 s
        assert SHOWN.search(_indicator_table(url)), "the dashboard does not show the imported value"
        assert server.poll() is None
    finally:
        server.terminate()
        server.wait(timeout=30)
