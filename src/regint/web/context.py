"""What one dashboard process holds: the store, the cached panel and index, the responses and the jobs.

The dashboard serves several browsers from threads. It holds no connection to the store between requests (the
store opens one per operation), so the command line, the report and other dashboards use the same store while
it runs; uses of the store from this process still go through :attr:`WebContext.lock`. The panel and the results
computed from it (preconditions in each language, index, coverage) are a snapshot, computed once each, in
parallel, and kept until an import changes the store: the dashboard's own imports say so at once, and an import
from elsewhere (``regint data import``, another dashboard) is noticed by a cheap look at the import log, at most
every :data:`REFRESH_SECONDS` seconds, that never waits for a busy store. Uploads are written only inside :attr:`WebContext.upload_dir`, a private temporary folder
(mode 0700) created for this process and removed when it ends.
"""

from __future__ import annotations

import atexit
import shutil
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import pandas as pd

from regint.study.outcome import Outcome
from regint.study.settings import DEFAULT_PAIR
from regint.web.i18n import DEFAULT_LANG, LANGS, check_lang
from regint.web.jobs import JobRegistry

if TYPE_CHECKING:
    from regint.data.store import Store
    from regint.experts.questionnaire import ResponseStore
    from regint.index.pairs import PairIndexResult
    from regint.indicators.preconditions import PreconditionsResult
    from regint.study import Study

T = TypeVar("T")
ReportBuilder = Callable[["Study", str, str, Path, Callable[[str], None]], Path]

#: The pair and its comparators (regions shown by default).
PAIR: tuple[str, str] = DEFAULT_PAIR
#: How often (seconds) the snapshot is compared with the store's import log.
REFRESH_SECONDS = 2.0
COMPARATOR_REGIONS: tuple[str, ...] = ("RU-SMO", "RU-PSK", "RU-BRY", "BY-VI", "BY-MA", "BY-HO", "BY-MI", "BY-HM",
                                       "RU", "BY")


def _value(outcome: Outcome[T]) -> T:
    """The result of a study's outcome, or the reason it has none as an error (the page shows it)."""
    if outcome.value is None:
        raise RuntimeError(outcome.reason or f"{outcome.name} could not be computed")
    return outcome.value


def default_responses_dir() -> Path:
    """``<user data dir>/regint/responses`` (beside the default store)."""
    import platformdirs

    return Path(platformdirs.user_data_dir("regint", appauthor=False)) / "responses"


@dataclass
class WebContext:
    """State shared by the callbacks of one app.

    Parameters
    ----------
    store_path : path or str, optional
        DuckDB file or ``postgresql://`` address (default: ``REGINT_STORE`` or the user data directory).
    responses_dir : path, optional
        Folder of the append-only expert responses (default: beside the store in the user data directory).
    index_runs : int
        Base sample size of the index's Monte Carlo shown on the index page.
    """

    store_path: str | Path | None = None
    responses_dir: Path | None = None
    index_runs: int = 200
    #: Renders the report of a study: ``(study, lang, format, folder, progress) → path`` (given by the CLI, so
    #: that the dashboard does not import the report).
    report_builder: ReportBuilder | None = None
    lock: threading.RLock = field(default_factory=threading.RLock, repr=False)
    jobs: JobRegistry = field(default_factory=JobRegistry, repr=False)
    _store: Store | None = field(default=None, repr=False)
    _key_locks: dict[str, threading.Lock] = field(default_factory=dict, repr=False)
    _cache: dict[str, Any] = field(default_factory=dict, repr=False)
    _upload_dir: Path | None = field(default=None, repr=False)
    _probe: Store | None = field(default=None, repr=False)
    _generation: tuple[int, int] | None = field(default=None, repr=False)
    _checked_at: float = field(default=0.0, repr=False)

    # -- storage ---------------------------------------------------------------------------------------------
    def store(self) -> Store:
        """The store, opened on first use (callers hold :attr:`lock` while they use it)."""
        with self.lock:
            if self._store is None:
                from regint.data.store import Store

                self._store = Store(self.store_path)
            return self._store

    def panel(self) -> pd.DataFrame:
        """The whole observation panel (latest vintage, best status): a snapshot, refreshed after an import."""
        self.refresh_if_changed()

        def read() -> pd.DataFrame:
            with self.lock:
                store = self.store()
                generation = store.generation()
                panel = store.panel()
                self._generation = generation
                return panel
        return self.cached("panel", read)

    def refresh_if_changed(self, *, force: bool = False) -> bool:
        """Forget the snapshot when the store's import log changed since it was read (checked at most every
        :data:`REFRESH_SECONDS`, without waiting for a busy store); whether it was forgotten."""
        from regint.data.store import Store
        from regint.errors import StoreError

        now = time.monotonic()
        if str(self.store_path) == ":memory:":  # nobody else can write to it
            return False
        with self.lock:
            if self._generation is None or (not force and now - self._checked_at < REFRESH_SECONDS):
                return False
            self._checked_at = now
            try:
                if self._probe is None:
                    self.store()  # creates (and fills) the store first
                    self._probe = Store(self.store_path, fill_default=False, read_only=True, wait=0.0,
                                        on_wait=None)
                changed = self._probe.generation() != self._generation
            except StoreError:  # busy or unreadable right now: keep the snapshot, look again later
                return False
            if changed:
                self._cache.clear()
                self._generation = None
            return changed

    def imports(self) -> pd.DataFrame:
        """The store's import log."""
        with self.lock:
            return self.store().imports()

    def invalidate(self) -> None:
        """Forget the cached panel and everything computed from it (after an import)."""
        with self.lock:
            self._cache.clear()

    def cached(self, key: str, make: Callable[[], T]) -> T:
        """``make()`` once per ``key`` until :meth:`invalidate`.

        Each key has its own lock, so different results are computed in parallel while two requests for the
        same one wait for a single computation.
        """
        with self.lock:
            if key in self._cache:
                return self._cache[key]  # type: ignore[no-any-return]
            key_lock = self._key_locks.setdefault(key, threading.Lock())
        with key_lock:
            with self.lock:
                if key in self._cache:
                    return self._cache[key]  # type: ignore[no-any-return]
            value = make()
            with self.lock:
                self._cache[key] = value
            return value

    def study(self, pair: tuple[str, str] = PAIR) -> Study:
        """The pair study of this dashboard on its panel (one per pair; forgotten by :meth:`invalidate`)."""
        def make() -> Study:
            from regint.study import MonteCarlo, Settings, Study

            settings = Settings(pair=tuple(pair), mc=MonteCarlo(index=self.index_runs))  # type: ignore[arg-type]
            return Study(settings, self.panel(), imports=self.imports())
        return self.cached(f"study:{pair[0]}:{pair[1]}", make)

    def index_result(self, pair: tuple[str, str] = PAIR) -> PairIndexResult:
        """The border-pair index of the pair's study with its Monte Carlo of :attr:`index_runs` base runs."""
        return _value(self.study(pair).index)

    def preconditions(self, lang: str = "en", pair: tuple[str, str] = PAIR) -> PreconditionsResult:
        """The preconditions of integration of the pair and its comparators, texts in ``lang`` (an unknown
        language falls back to the dashboard's default)."""
        return _value(self.study(pair).preconditions_in(check_lang(lang)))

    def warm_up(self) -> threading.Thread:
        """Read the panel and compute the preconditions and the index in a background thread, so the first
        visitor does not wait; failures are left for the page that needs the result to report."""
        def run() -> None:
            steps: tuple[Callable[[], object], ...] = (
                self.panel, lambda: self.preconditions(DEFAULT_LANG), self.index_result,
                *(lambda lang=lang: self.preconditions(lang) for lang in LANGS if lang != DEFAULT_LANG))
            for step in steps:
                try:
                    step()
                except Exception:  # noqa: BLE001, S112 - the page shows the error when it asks again
                    continue
        thread = threading.Thread(target=run, name="regint-warm-up", daemon=True)
        thread.start()
        return thread

    def responses(self) -> ResponseStore:
        """The append-only store of expert responses."""
        from regint.experts.questionnaire import ResponseStore

        return ResponseStore(self.responses_dir or default_responses_dir())

    @property
    def upload_dir(self) -> Path:
        """A private (0700) temporary folder for uploads, made on first use and removed at exit."""
        with self.lock:
            if self._upload_dir is None:
                path = Path(tempfile.mkdtemp(prefix="regint-web-"))
                path.chmod(0o700)
                atexit.register(shutil.rmtree, path, True)
                self._upload_dir = path
            return self._upload_dir

    def close(self) -> None:
        """Close the store and remove the upload folder."""
        with self.lock:
            if self._store is not None:
                self._store.close()
                self._store = None
            if self._upload_dir is not None:
                shutil.rmtree(self._upload_dir, ignore_errors=True)
                self._upload_dir = None
