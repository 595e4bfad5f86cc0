"""Sign-in with roles for the dashboard served beyond loopback: a reader cannot import, an unsigned request gets
no data, an expert's saved judgement carries the expert's name; passwords are Argon2id hashes, sessions expire,
a trusted proxy header can name the user, and an import records who made it."""

from __future__ import annotations

import base64
import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from regint.web.auth import AuthConfig, UserFile, action_of, callback_outputs

CSV = ("region;indicator;period;value;unit;currency;source;status\n"
       "RU-SMO;wage_nominal;1991-03;25000;RUB per month;RUB;user;official\n")


@pytest.fixture(scope="module")
def users(tmp_path_factory: pytest.TempPathFactory) -> UserFile:
    file = UserFile(tmp_path_factory.mktemp("users") / "users.json")
    file.add("petrov", "reader-password", "reader")
    file.add("ivanova", "expert-password", "expert", "Ivanova A. A.")
    file.add("sidorov", "analyst-password", "analyst")
    return file


@pytest.fixture(scope="module")
def app(users: UserFile, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from regint.web.app import create_app

    app = create_app(store_path=":memory:", responses_dir=tmp_path_factory.mktemp("responses"), index_runs=20,
                     lang="en", auth=AuthConfig(users, session_minutes=1, trusted_header="X-Remote-User"))
    yield app
    app.regint_context.close()


def _client(app: Any, user: str | None = None, password: str | None = None) -> Any:
    client = app.server.test_client()
    if user is not None:
        res = client.post("/login", data={"user": user, "password": password})
        assert res.status_code == 302 and res.headers["Location"].endswith("/")
    return client


def _import_request(name: str = "wages.csv") -> dict[str, Any]:
    url = "data:text/csv;base64," + base64.b64encode(CSV.encode()).decode()
    return {"output": "data-report.children", "outputs": {"id": "data-report", "property": "children"},
            "inputs": [{"id": "data-upload", "property": "contents", "value": url}],
            "changedPropIds": ["data-upload.contents"],
            "state": [{"id": "data-upload", "property": "filename", "value": name},
                      {"id": "data-lang", "property": "data", "value": "en"}]}


def _save_request(n_pairs: int) -> dict[str, Any]:
    # all "equal": a consistent matrix (CR = 0), saved without the confirmation an inconsistent one asks for
    judged = [{"id": {"type": "ahp", "index": i}, "property": "value", "value": 0} for i in range(n_pairs)]
    return {"output": "..ahp-save-msg.children...ahp-confirm.displayed...ahp-confirm.message..",
            "outputs": [{"id": "ahp-save-msg", "property": "children"}, {"id": "ahp-confirm", "property": "displayed"},
                        {"id": "ahp-confirm", "property": "message"}],
            "inputs": [{"id": "ahp-save", "property": "n_clicks", "value": 1},
                       {"id": "ahp-confirm", "property": "submit_n_clicks", "value": None}],
            "changedPropIds": ["ahp-save.n_clicks"],
            "state": [judged, {"id": "ahp-block", "property": "value", "value": "score"},
                      {"id": "ahp-respondent", "property": "value", "value": "someone else"},
                      {"id": "experts-lang", "property": "data", "value": "en"}]}


def test_passwords_are_argon2id_hashes(users: UserFile) -> None:
    text = users.path.read_text(encoding="utf-8")
    assert "reader-password" not in text and json.loads(text)["users"]["petrov"]["hash"].startswith("$argon2id$")
    assert users.verify("petrov", "reader-password") is not None
    assert users.verify("petrov", "wrong") is None and users.verify("nobody", "x") is None
    assert (users.path.stat().st_mode & 0o777) == 0o600


def test_unsigned_request_gets_no_data(app: Any) -> None:
    client = _client(app)
    page = client.get("/overview")
    assert page.status_code == 302 and page.headers["Location"].endswith("/login")
    for path in ("/_dash-layout", "/_dash-dependencies"):
        res = client.get(path)
        assert res.status_code == 401 and b"sign in" in res.data
    res = client.post("/_dash-update-component", json=_import_request())
    assert res.status_code == 401
    assert client.get("/login").status_code == 200
    wrong = client.post("/login", data={"user": "petrov", "password": "nope"})
    assert wrong.status_code == 200 and b"Wrong user name or password" in wrong.data
    assert client.get("/_dash-layout").status_code == 401


def test_reader_views_but_cannot_import(app: Any) -> None:
    client = _client(app, "petrov", "reader-password")
    assert client.get("/_dash-layout").status_code == 200
    before = app.regint_context.store().n_imports()
    res = client.post("/_dash-update-component", json=_import_request())
    assert res.status_code == 403 and b"petrov (reader) may not import" in res.data
    assert app.regint_context.store().n_imports() == before


def test_analyst_import_records_who_made_it(app: Any) -> None:
    client = _client(app, "sidorov", "analyst-password")
    res = client.post("/_dash-update-component", json=_import_request("analyst.csv"))
    assert res.status_code == 200, res.data[:300]
    log = app.regint_context.store().imports()
    row = log[log["file_name"] == "analyst.csv"]
    assert row["imported_by"].tolist() == ["sidorov"]


def test_expert_saved_judgement_carries_the_experts_name(app: Any) -> None:
    from regint.web import experts_adapter as ea

    n_pairs = len(ea.block("score", "en").pairs)
    client = _client(app, "ivanova", "expert-password")
    res = client.post("/_dash-update-component", json=_save_request(n_pairs))
    assert res.status_code == 200, res.data[:300]
    records = app.regint_context.responses().records()
    assert records[-1]["respondent"] == "ivanova" and "entered by ivanova" in records[-1]["source"]
    reader = _client(app, "petrov", "reader-password")
    assert reader.post("/_dash-update-component", json=_save_request(n_pairs)).status_code == 403


def test_sessions_expire(app: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    client = _client(app, "petrov", "reader-password")
    assert client.get("/_dash-layout").status_code == 200
    later = time.time() + 61  # the app's sessions last one minute
    monkeypatch.setattr("regint.web.auth.time.time", lambda: later)
    assert client.get("/_dash-layout").status_code == 401


def test_trusted_proxy_header_names_the_user(app: Any) -> None:
    client = _client(app)
    assert client.get("/_dash-layout", headers={"X-Remote-User": "sidorov"}).status_code == 200
    res = client.post("/_dash-update-component", json=_import_request("proxy.csv"),
                      headers={"X-Remote-User": "visitor"})
    assert res.status_code == 403 and b"visitor (reader)" in res.data


def test_callback_actions() -> None:
    assert callback_outputs({"output": "data-report.children"}) == ["data-report"]
    assert callback_outputs({"output": "..rep-job.data...rep-interval.disabled.."}) == ["rep-job", "rep-interval"]
    assert action_of(["rep-job", "rep-interval"]) == "report" and action_of(["ind-graph"]) == "view"


def test_serve_beyond_loopback_requires_users(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from regint.cli import app as cli

    res = CliRunner().invoke(cli, ["serve", "--host", "0.0.0.0", "--users", str(tmp_path / "none.json")])
    assert res.exit_code != 0 and "requires sign-in" in res.output
