"""Background jobs with progress, for the Monte Carlo of a scenario: one thread per job, polled by the page.

Dash's background callbacks need a cache backend (diskcache or Celery). A Monte Carlo of 10,000 draws takes a
fraction of a second to a few seconds here, so a thread and an in-memory registry are enough: the page starts a
job, keeps its id in a ``dcc.Store`` and polls :meth:`JobRegistry.status` with a ``dcc.Interval`` until it is
done. Jobs live in the memory of the serving process (one process: ``regint serve``); finished jobs beyond
:attr:`JobRegistry.keep` are forgotten, oldest first.
"""

from __future__ import annotations

import threading
import uuid
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

Progress = Callable[[int, int], None]


@dataclass
class Job:
    """One background computation: its progress, result or error."""

    id: str
    done: int = 0
    total: int = 0
    state: str = "running"  # running | finished | failed
    result: Any = None
    error: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def snapshot(self) -> dict[str, Any]:
        with self.lock:
            return {"id": self.id, "done": self.done, "total": self.total, "state": self.state,
                    "error": self.error}


class JobRegistry:
    """Start functions in daemon threads and look up their progress by an unguessable id."""

    def __init__(self, keep: int = 20) -> None:
        self.keep = keep
        self._jobs: OrderedDict[str, Job] = OrderedDict()
        self._lock = threading.Lock()

    def start(self, work: Callable[[Progress], Any], total: int = 0) -> str:
        """Run ``work(progress)`` in a thread; ``progress(done, total)`` updates the job. Returns the job id."""
        job = Job(id=uuid.uuid4().hex, total=total)

        def progress(done: int, of: int) -> None:
            with job.lock:
                job.done, job.total = int(done), int(of)

        def run() -> None:
            try:
                result = work(progress)
            except Exception as exc:  # noqa: BLE001 - reported to the page, not raised in a thread
                with job.lock:
                    job.state, job.error = "failed", str(exc)
                return
            with job.lock:
                job.result, job.state = result, "finished"
                job.done = job.total or job.done

        with self._lock:
            self._jobs[job.id] = job
            self._forget_old()
        threading.Thread(target=run, name=f"regint-job-{job.id[:8]}", daemon=True).start()
        return job.id

    def get(self, job_id: str | None) -> Job | None:
        """The job, or ``None`` for an unknown or forgotten id."""
        if not job_id:
            return None
        with self._lock:
            return self._jobs.get(str(job_id))

    def wait(self, job_id: str, timeout: float = 30.0) -> Job | None:
        """Block until the job is no longer running (for tests and benchmarks)."""
        import time

        end = time.monotonic() + timeout
        while time.monotonic() < end:
            job = self.get(job_id)
            if job is None or job.snapshot()["state"] != "running":
                return job
            time.sleep(0.01)
        return self.get(job_id)

    def _forget_old(self) -> None:
        finished = [k for k, j in self._jobs.items() if j.state != "running"]
        for key in finished[: max(0, len(self._jobs) - self.keep)]:
            del self._jobs[key]
