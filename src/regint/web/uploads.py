"""Uploaded files: checked for size and type, written under a generated name in a private folder, then removed.

The browser sends a file as a ``data:<mime>;base64,<payload>`` string with the name the user chose. That name
is only a label: it is cleaned for display (:func:`display_name`) and its extension is checked against a short
list, but it never becomes part of a path. The content is decoded, its size checked, and written to
``<private dir>/upload-<random>.<ext>``; the readers (regint loaders, openpyxl, defusedxml) parse it without
running anything (no macros, no external entities), and the file is deleted when the ``with`` block ends.
"""

from __future__ import annotations

import base64
import binascii
import os
import re
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from regint.errors import DataError

#: Largest upload accepted, in bytes.
MAX_BYTES = 5 * 1024 * 1024
#: Extensions accepted for data imports and for questionnaires.
DATA_TYPES: tuple[str, ...] = (".csv", ".xlsx", ".xml", ".json")
QUESTIONNAIRE_TYPES: tuple[str, ...] = (".xlsx", ".json")
_UNSAFE = re.compile(r"[\x00-\x1f\x7f<>:\"/\\|?*]+")


class UploadError(DataError):
    """An upload was refused: too large, wrong type or not decodable."""


@dataclass(frozen=True)
class Upload:
    """A decoded upload: the cleaned display name, its extension and the bytes."""

    name: str
    suffix: str
    content: bytes


def display_name(filename: str | None) -> str:
    """The last component of a browser-supplied file name, without control or path characters (≤ 120 chars)."""
    base = re.split(r"[\\/]", str(filename or ""))[-1]
    cleaned = _UNSAFE.sub("_", base).strip(" .") or "upload"
    return cleaned[:120]


def decode_upload(contents: str | None, filename: str | None, allowed: tuple[str, ...] = DATA_TYPES,
                  max_bytes: int = MAX_BYTES) -> Upload:
    """Check and decode what ``dcc.Upload`` sends.

    Raises
    ------
    UploadError
        With a message that names the file and says what to do: no file, a type outside ``allowed``, content
        that is not base64, an empty file or one larger than ``max_bytes``.
    """
    name = display_name(filename)
    if not contents:
        raise UploadError(f"{name}: no file content was received. Fix: choose the file again.")
    suffix = Path(name).suffix.lower()
    if suffix not in allowed:
        raise UploadError(f"{name}: files of type {suffix or '(none)'!r} are not accepted. Fix: upload one of "
                          f"{', '.join(allowed)}.")
    _, sep, payload = str(contents).partition(",")
    if not sep:
        raise UploadError(f"{name}: the upload is not a data URL. Fix: upload through the page.")
    if len(payload) > (max_bytes // 3 + 1) * 4 + 4:  # refuse before decoding a huge string
        raise UploadError(f"{name}: larger than {max_bytes / 1024 / 1024:.0f} MB. Fix: split the file or import "
                          "it with `regint data import`.")
    try:
        content = base64.b64decode(payload, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise UploadError(f"{name}: the upload could not be decoded ({exc}). Fix: upload the file again.") from exc
    if not content:
        raise UploadError(f"{name}: the file is empty (0 bytes). Fix: export it again.")
    if len(content) > max_bytes:
        raise UploadError(f"{name}: {len(content) / 1024 / 1024:.1f} MB is larger than "
                          f"{max_bytes / 1024 / 1024:.0f} MB. Fix: split the file or import it with "
                          "`regint data import`.")
    return Upload(name, suffix, content)


@contextmanager
def temporary_file(upload: Upload, directory: Path) -> Iterator[Path]:
    """Write the upload to ``directory/upload-<random><suffix>`` (mode 0600) and remove it afterwards."""
    path = directory / f"upload-{secrets.token_hex(12)}{upload.suffix}"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(upload.content)
        yield path
    finally:
        path.unlink(missing_ok=True)
