"""Expert questionnaires in Excel: write them (ru/en), read filled ones with validation, store responses.

A questionnaire has one or more *blocks* of pairwise comparisons (a block is one node of an AHP hierarchy, e.g.
the criteria; or the SWOT groups and the factors within each) and, optionally, a sheet of *ratings* of
alternatives on some criteria (1–5). Each pair is one row: which of the two is more important (A, B or =) and
how much (Saaty's 1–9, with the scale explained on the first sheet); answers are chosen from drop-down lists.
Reading a filled file checks the scale, contradictions and missing judgements and names the sheet, row and
column of every problem. Responses are appended to a JSON-lines file that is never overwritten.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from itertools import combinations
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from regint._options import check_option
from regint.errors import DataError, LoaderError
from regint.experts.ahp import AHPResult, from_judgements, most_inconsistent, priorities, scale_label

Lang = Literal["en", "ru"]
FORMAT_VERSION = "regint-questionnaire/1"
SHEET_PAIRS = {"en": "Comparisons", "ru": "Сравнения"}
SHEET_RATINGS = {"en": "Ratings", "ru": "Оценки"}
SHEET_HELP = {"en": "Instructions", "ru": "Инструкция"}
SHEET_META = "_meta"
FIRST_PAIR_ROW = 7  # 1-based row of the first pair on the comparisons sheet
CHOICES = {"en": ("A", "B", "="), "ru": ("А", "Б", "=")}

TEXT = {
    "en": {
        "respondent": "Respondent (name)", "date": "Date (YYYY-MM-DD)", "organisation": "Organisation (optional)",
        "no": "No.", "block": "Comparison", "a": "Item A", "b": "Item B", "which": "More important (A / B / =)",
        "how": "How much more (1–9)", "alt": "Alternative", "rating_help": "Rate each alternative on each criterion",
        "intro": ("For each pair, choose which item is more important for the goal (A, B, or = if equally "
                  "important) and how much more important it is on the 1–9 scale below. Leave a row empty only "
                  "if you cannot judge the pair. Enter your name and the date on the comparisons sheet."),
        "scale_head": ("Value", "Meaning"),
    },
    "ru": {
        "respondent": "Эксперт (ФИО)", "date": "Дата (ГГГГ-ММ-ДД)", "organisation": "Организация (необязательно)",
        "no": "№", "block": "Сравнение", "a": "Элемент А", "b": "Элемент Б", "which": "Что важнее (А / Б / =)",
        "how": "Во сколько раз (1–9)", "alt": "Альтернатива", "rating_help": "Оцените каждую альтернативу по каждому критерию",
        "intro": ("Для каждой пары выберите, какой элемент важнее для цели (А, Б или =, если одинаково важны), "
                  "и насколько он важнее по шкале 1–9 ниже. Оставляйте строку пустой, только если не можете "
                  "оценить пару. Укажите ФИО и дату на листе сравнений."),
        "scale_head": ("Балл", "Значение"),
    },
}
SCALE_MEANING = {
    "en": {1: "Equal importance", 2: "Between equal and moderate", 3: "Moderate importance of one over the other",
           4: "Between moderate and strong", 5: "Strong importance", 6: "Between strong and very strong",
           7: "Very strong importance", 8: "Between very strong and extreme", 9: "Extreme importance"},
    "ru": {1: "Равная важность", 2: "Промежуточное между равной и умеренной", 3: "Умеренное превосходство одного над другим",
           4: "Промежуточное между умеренным и сильным", 5: "Сильное превосходство", 6: "Промежуточное между сильным и очень сильным",
           7: "Очень сильное превосходство", 8: "Промежуточное между очень сильным и абсолютным", 9: "Абсолютное превосходство"},
}


@dataclass(frozen=True)
class Block:
    """One set of pairwise comparisons: a node code, its title and the compared items (code, label)."""

    code: str
    title: str
    items: tuple[tuple[str, str], ...]


def make_block(code: str, title: str, items: Sequence[str] | pd.DataFrame, lang: Lang = "en") -> Block:
    """A block from item codes (labels = codes) or a frame with ``code`` and ``name_<lang>`` (or ``name``)."""
    if isinstance(items, pd.DataFrame):
        col = f"name_{lang}" if f"name_{lang}" in items.columns else "name"
        pairs = tuple((str(c), str(n)) for c, n in zip(items["code"], items[col], strict=True))
    else:
        pairs = tuple((str(c), str(c)) for c in items)
    if len(pairs) < 2:
        raise DataError(f"block {code!r} needs at least 2 items to compare; got {len(pairs)}.")
    if len({c for c, _ in pairs}) != len(pairs):
        raise DataError(f"block {code!r} lists an item twice: {[c for c, _ in pairs]}.")
    return Block(code, title, pairs)


# ---------------------------------------------------------------------------------------------------------------
# Writing
# ---------------------------------------------------------------------------------------------------------------

def write_questionnaire(
    path: str | Path,
    blocks: Sequence[Block],
    *,
    title: str,
    lang: Lang = "en",
    kind: str = "generic",
    ratings: tuple[Sequence[tuple[str, str]], Sequence[tuple[str, str]]] | None = None,
    rating_scale: tuple[int, int] = (1, 5),
) -> Path:
    """Write an XLSX questionnaire.

    Sheets: instructions with Saaty's scale explained; the comparisons (respondent name and date on top, one
    row per pair with drop-down lists A/B/= and 1–9); optionally the ratings of alternatives on criteria
    (``ratings = (alternatives, criteria)``, each a list of (code, label), whole numbers in ``rating_scale``);
    and a hidden sheet with the codes the reader needs.
    """
    import xlsxwriter

    check_option("lang", lang, ("en", "ru"))
    t = TEXT[lang]
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb = xlsxwriter.Workbook(str(path))
    bold = wb.add_format({"bold": True})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    inp = wb.add_format({"bg_color": "#FFF2CC", "border": 1})

    help_ws = wb.add_worksheet(SHEET_HELP[lang])
    help_ws.set_column(0, 0, 10)
    help_ws.set_column(1, 1, 70)
    help_ws.write(0, 0, title, bold)
    help_ws.merge_range(2, 0, 5, 1, t["intro"], wrap)
    help_ws.write_row(7, 0, t["scale_head"], head)
    for k in range(1, 10):
        help_ws.write(7 + k, 0, k)
        help_ws.write(7 + k, 1, SCALE_MEANING[lang][k])

    ws = wb.add_worksheet(SHEET_PAIRS[lang])
    ws.set_column(0, 0, 6)
    ws.set_column(1, 1, 22)
    ws.set_column(2, 3, 40)
    ws.set_column(4, 5, 16)
    ws.set_column(6, 8, 12, None, {"hidden": True})
    ws.write(0, 0, t["respondent"], bold)
    ws.write_blank(0, 2, None, inp)
    ws.write(1, 0, t["date"], bold)
    ws.write_blank(1, 2, None, inp)
    ws.data_validation(1, 2, 1, 2, {"validate": "date", "criteria": ">", "value": datetime(2000, 1, 1),
                                    "ignore_blank": True})
    ws.write(2, 0, t["organisation"], bold)
    ws.write_blank(2, 2, None, inp)
    ws.write(3, 0, title, bold)
    ws.write_row(FIRST_PAIR_ROW - 2, 0, [t["no"], t["block"], t["a"], t["b"], t["which"], t["how"],
                                          "block", "code_a", "code_b"], head)
    row = FIRST_PAIR_ROW - 1
    for block in blocks:
        for (ca, la), (cb, lb) in combinations(block.items, 2):
            ws.write_row(row, 0, [row - FIRST_PAIR_ROW + 2, block.title, la, lb])
            ws.write_blank(row, 4, None, inp)
            ws.write_blank(row, 5, None, inp)
            ws.write_row(row, 6, [block.code, ca, cb])
            row += 1
    last = row - 1
    ws.data_validation(FIRST_PAIR_ROW - 1, 4, last, 4, {"validate": "list", "source": list(CHOICES[lang])})
    ws.data_validation(FIRST_PAIR_ROW - 1, 5, last, 5, {"validate": "list", "source": [str(k) for k in range(1, 10)]})
    ws.freeze_panes(FIRST_PAIR_ROW - 1, 0)

    meta: dict[str, Any] = {"format": FORMAT_VERSION, "kind": kind, "lang": lang, "title": title,
                            "blocks": [{"code": b.code, "title": b.title, "items": [c for c, _ in b.items]} for b in blocks]}
    if ratings is not None:
        alts, crits = ratings
        rs = wb.add_worksheet(SHEET_RATINGS[lang])
        rs.write(0, 0, f"{t['rating_help']} ({rating_scale[0]}–{rating_scale[1]})", bold)
        rs.write_row(2, 0, [t["alt"]] + [label for _, label in crits] + ["code"], head)
        rs.write_row(3, 0, [""] + [code for code, _ in crits], None)
        rs.set_row(3, None, None, {"hidden": True})
        rs.set_column(0, 0, 40)
        rs.set_column(1, len(crits), 18)
        for k, (code, label) in enumerate(alts):
            rs.write(4 + k, 0, label)
            for j in range(len(crits)):
                rs.write_blank(4 + k, 1 + j, None, inp)
            rs.write(4 + k, len(crits) + 1, code)
        rs.data_validation(4, 1, 3 + len(alts), len(crits), {"validate": "integer", "criteria": "between",
                                                              "minimum": rating_scale[0], "maximum": rating_scale[1]})
        meta["ratings"] = {"alternatives": [c for c, _ in alts], "criteria": [c for c, _ in crits],
                           "scale": list(rating_scale)}
    ms = wb.add_worksheet(SHEET_META)
    ms.write(0, 0, json.dumps(meta, ensure_ascii=False))
    ms.hide()
    wb.close()
    return path


# ---------------------------------------------------------------------------------------------------------------
# Reading
# ---------------------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Response:
    """One expert's answers.

    Attributes
    ----------
    judgements : dict
        Block code → {(item a, item b): a_ab} for the pairs judged.
    ratings : DataFrame or None
        Alternatives × criteria, ``NaN`` where not rated.
    missing : dict
        Block code → pairs left empty.
    """

    respondent: str
    date: str | None
    kind: str
    lang: str
    blocks: tuple[tuple[str, tuple[str, ...]], ...]
    judgements: dict[str, dict[tuple[str, str], float]]
    ratings: pd.DataFrame | None = None
    missing: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    source: str = ""
    sha256: str = ""
    organisation: str = ""
    illustrative: bool = False
    notes: tuple[str, ...] = ()

    def items(self, block: str) -> list[str]:
        return list(dict(self.blocks)[block])

    def matrix(self, block: str) -> pd.DataFrame:
        """The block's pairwise matrix (``NaN`` for missing judgements)."""
        return from_judgements(self.judgements[block], self.items(block))

    def ahp(self, block: str, **kwargs: Any) -> AHPResult:
        return priorities(self.matrix(block), name=f"{self.respondent}: {block}", **kwargs)

    def to_record(self) -> dict[str, Any]:
        """A JSON-serialisable record (as stored by :class:`ResponseStore`)."""
        rec: dict[str, Any] = {
            "format": FORMAT_VERSION, "respondent": self.respondent, "date": self.date, "kind": self.kind,
            "lang": self.lang, "organisation": self.organisation,
            "blocks": [{"code": c, "items": list(items)} for c, items in self.blocks],
            "judgements": {b: [[i, j, v] for (i, j), v in d.items()] for b, d in self.judgements.items()},
            "source": self.source, "sha256": self.sha256, "illustrative": self.illustrative,
        }
        if self.ratings is not None:
            r = self.ratings
            rec["ratings"] = {str(a): {str(c): (None if pd.isna(v) else float(v)) for c, v in r.loc[a].items()}
                              for a in r.index}
        if self.notes:
            rec["notes"] = list(self.notes)
        return rec

    @classmethod
    def from_record(cls, rec: Mapping[str, Any]) -> Response:
        blocks = tuple((b["code"], tuple(b["items"])) for b in rec["blocks"])
        judg = {b: {(i, j): float(v) for i, j, v in rows} for b, rows in rec["judgements"].items()}
        missing = {}
        for code, items in blocks:
            given = judg.get(code, {})
            missing[code] = tuple((a, b) for a, b in combinations(items, 2) if (a, b) not in given and (b, a) not in given)
        ratings = None
        if rec.get("ratings"):
            ratings = pd.DataFrame.from_dict(rec["ratings"], orient="index").astype(float)
        return cls(respondent=rec["respondent"], date=rec.get("date"), kind=rec.get("kind", "generic"),
                   lang=rec.get("lang", "en"), blocks=blocks, judgements=judg, ratings=ratings, missing=missing,
                   source=rec.get("source", ""), sha256=rec.get("sha256", ""),
                   organisation=rec.get("organisation", ""), illustrative=bool(rec.get("illustrative", False)),
                   notes=tuple(str(n) for n in rec.get("notes", ())))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _cell_text(v: Any) -> str:
    return "" if v is None else str(v).strip()


def read_questionnaire(path: str | Path, *, allow_missing: bool = True) -> Response:
    """Read and validate a filled questionnaire.

    Raises
    ------
    LoaderError
        Naming the sheet, row and column of: a missing respondent name, an answer outside A/B/= or 1–9, a
        contradiction ('=' with an intensity other than 1; A or B without an intensity), rows that do not match
        the questionnaire's codes, ratings outside the scale; and missing judgements when ``allow_missing`` is
        false or when they leave items unconnected.
    """
    from openpyxl import load_workbook

    path = Path(path)
    if not path.exists():
        raise LoaderError("file not found.", path=path, fix="check the path of the filled questionnaire.")
    wb = load_workbook(path, data_only=True)
    if SHEET_META not in wb.sheetnames:
        raise LoaderError("not a regint questionnaire (no hidden _meta sheet).", path=path,
                          fix="fill a questionnaire made by `regint experts questionnaire`.")
    meta = json.loads(wb[SHEET_META]["A1"].value)
    lang = meta.get("lang", "en")
    sheet = SHEET_PAIRS[lang]
    if sheet not in wb.sheetnames:
        raise LoaderError(f"sheet {sheet!r} is missing.", path=path, fix="do not rename or delete sheets.")
    ws = wb[sheet]
    respondent = _cell_text(ws.cell(1, 3).value)
    if not respondent:
        raise LoaderError("the respondent's name is empty.", path=path, sheet=sheet, row=1, column="C",
                          fix="enter the expert's name.")
    raw_date = ws.cell(2, 3).value
    when = raw_date.date().isoformat() if isinstance(raw_date, datetime) else \
        raw_date.isoformat() if isinstance(raw_date, date) else (_cell_text(raw_date) or None)
    organisation = _cell_text(ws.cell(3, 3).value)
    blocks = tuple((b["code"], tuple(b["items"])) for b in meta["blocks"])
    expected = [(code, a, b) for code, items in blocks for a, b in combinations(items, 2)]
    judg: dict[str, dict[tuple[str, str], float]] = {code: {} for code, _ in blocks}
    missing: dict[str, list[tuple[str, str]]] = {code: [] for code, _ in blocks}
    a_choices = {"A", "А"}  # Latin and Cyrillic A
    b_choices = {"B", "Б"}
    for k, (code, a, b) in enumerate(expected):
        r = FIRST_PAIR_ROW + k
        got = (_cell_text(ws.cell(r, 7).value), _cell_text(ws.cell(r, 8).value), _cell_text(ws.cell(r, 9).value))
        if got != (code, a, b):
            raise LoaderError(f"row does not match the questionnaire (expected pair {a}–{b} of {code!r}, found {got}).",
                              path=path, sheet=sheet, row=r, fix="do not insert, delete or sort rows.")
        which = _cell_text(ws.cell(r, 5).value).upper()
        how_raw = ws.cell(r, 6).value
        if not which and how_raw in (None, ""):
            missing[code].append((a, b))
            continue
        try:
            how = float(str(how_raw).replace(",", ".")) if how_raw not in (None, "") else None
        except ValueError:
            how = -1.0
        if how is not None and (how < 1 or how > 9 or how != int(how)):
            raise LoaderError(f"intensity {how_raw!r} is not a whole number 1–9.", path=path, sheet=sheet, row=r,
                              column="F", fix="choose 1–9 from the list.")
        if which == "=":
            if how not in (None, 1.0):
                raise LoaderError(f"'=' (equally important) contradicts intensity {how:g}.", path=path, sheet=sheet,
                                  row=r, column="F", fix="use intensity 1 with '=', or choose A or B.")
            judg[code][(a, b)] = 1.0
        elif which in a_choices | b_choices:
            if how is None:
                raise LoaderError(f"'{which}' is chosen but the intensity is empty.", path=path, sheet=sheet, row=r,
                                  column="F", fix="choose how much more important (1–9).")
            judg[code][(a, b)] = how if which in a_choices else 1.0 / how
        else:
            raise LoaderError(f"answer {which!r} is not one of {'/'.join(CHOICES[lang])}.", path=path, sheet=sheet,
                              row=r, column="E", fix="choose from the drop-down list.")
    extra = _cell_text(ws.cell(FIRST_PAIR_ROW + len(expected), 7).value)
    if extra:
        raise LoaderError("extra rows below the questionnaire's pairs.", path=path, sheet=sheet,
                          row=FIRST_PAIR_ROW + len(expected), fix="remove rows that were added.")
    notes = []
    for code, items in blocks:
        if missing[code]:
            if not allow_missing:
                a, b = missing[code][0]
                row = FIRST_PAIR_ROW + expected.index((code, a, b))
                raise LoaderError(f"{len(missing[code])} judgement(s) of {code!r} are empty, first {a}–{b}.",
                                  path=path, sheet=sheet, row=row, column="E",
                                  fix="answer every pair (or read with allow_missing=True).")
            try:
                from_judgements(judg[code], list(items)).pipe(lambda f: priorities(f))
            except DataError as exc:
                raise LoaderError(f"comparison {code!r}: {exc}", path=path, sheet=sheet) from exc
            notes.append(f"{code}: {len(missing[code])} pair(s) left empty, estimated (Harker 1987)")
    ratings = _read_ratings(wb, meta, path) if "ratings" in meta else None
    return Response(respondent=respondent, date=when, kind=meta.get("kind", "generic"), lang=lang, blocks=blocks,
                    judgements=judg, ratings=ratings, missing={k: tuple(v) for k, v in missing.items()},
                    source=path.name, sha256=_sha256(path), organisation=organisation, notes=tuple(notes))


def _read_ratings(wb: Any, meta: Mapping[str, Any], path: Path) -> pd.DataFrame:
    sheet = SHEET_RATINGS[meta.get("lang", "en")]
    ws = wb[sheet]
    spec = meta["ratings"]
    alts, crits = spec["alternatives"], spec["criteria"]
    lo, hi = spec["scale"]
    out = pd.DataFrame(np.nan, index=alts, columns=crits)
    for k, alt in enumerate(alts):
        r = 5 + k
        if _cell_text(ws.cell(r, len(crits) + 2).value) != alt:
            raise LoaderError(f"row does not match the questionnaire (expected alternative {alt!r}).", path=path,
                              sheet=sheet, row=r, fix="do not insert, delete or sort rows.")
        for j, crit in enumerate(crits):
            v = ws.cell(r, 2 + j).value
            if v in (None, ""):
                continue
            try:
                x = float(str(v).replace(",", "."))
            except ValueError:
                x = float("nan")
            if not (lo <= x <= hi) or x != int(x):
                raise LoaderError(f"rating {v!r} of {alt!r} on {crit!r} is not a whole number {lo}–{hi}.", path=path,
                                  sheet=sheet, row=r, column=_col_letter(2 + j), fix=f"enter {lo}–{hi}.")
            out.loc[alt, crit] = x
    return out


def _col_letter(col: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(col))


def fill_questionnaire(template: str | Path, out: str | Path, *, respondent: str, when: str | date | None,
                       judgements: Mapping[str, Mapping[tuple[str, str], float]],
                       ratings: pd.DataFrame | None = None, organisation: str = "") -> Path:
    """Fill a questionnaire by script (tests, demonstrations): values are rounded to Saaty's whole numbers."""
    from openpyxl import load_workbook

    wb = load_workbook(template)
    meta = json.loads(wb[SHEET_META]["A1"].value)
    lang = meta.get("lang", "en")
    ws = wb[SHEET_PAIRS[lang]]
    ws.cell(1, 3).value = respondent
    ws.cell(2, 3).value = when if not isinstance(when, str) else date.fromisoformat(when)
    ws.cell(3, 3).value = organisation or None
    a_mark, b_mark, eq = CHOICES[lang]
    r = FIRST_PAIR_ROW
    while ws.cell(r, 7).value:
        code, a, b = (str(ws.cell(r, c).value) for c in (7, 8, 9))
        d = judgements.get(code, {})
        v = d.get((a, b), 1.0 / d[(b, a)] if (b, a) in d else None)
        if v is not None:
            k = int(round(v if v >= 1 else 1.0 / v))
            ws.cell(r, 5).value = eq if k == 1 else (a_mark if v > 1 else b_mark)
            ws.cell(r, 6).value = k
        r += 1
    if ratings is not None and "ratings" in meta:
        rs = wb[SHEET_RATINGS[lang]]
        spec = meta["ratings"]
        for k, alt in enumerate(spec["alternatives"]):
            for j, crit in enumerate(spec["criteria"]):
                if alt in ratings.index and crit in ratings.columns and pd.notna(ratings.loc[alt, crit]):
                    rs.cell(5 + k, 2 + j).value = int(ratings.loc[alt, crit])
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    wb.save(out)
    return out


def expert_report(responses: Sequence[Response], block: str) -> pd.DataFrame:
    """Per expert: judgements given and missing, CR, whether acceptable, the judgement to revise first."""
    rows = []
    for resp in responses:
        res = resp.ahp(block)
        first = most_inconsistent(res) if res.n > 2 else None
        rows.append({
            "respondent": resp.respondent, "date": resp.date, "judgements": len(resp.judgements[block]),
            "missing": len(resp.missing.get(block, ())), "cr": res.cr, "acceptable": res.acceptable,
            "revise_first": "—" if not first else
            f"{first['row']}–{first['column']}: {scale_label(float(first['judgement']))} → "  # type: ignore[arg-type]
            f"{scale_label(float(first['suggested']))}",  # type: ignore[arg-type]
            "ratings_missing": int(resp.ratings.isna().to_numpy().sum()) if resp.ratings is not None else 0,
            "illustrative": resp.illustrative,
        })
    return pd.DataFrame(rows).set_index("respondent")


# ---------------------------------------------------------------------------------------------------------------
# Storing
# ---------------------------------------------------------------------------------------------------------------

class ResponseStore:
    """Append-only store of responses: ``<directory>/responses.jsonl``, one JSON record per line.

    A record is never changed or removed. Each append rewrites the file through a temporary file in the same
    directory and ``os.replace``, so a reader never sees a half-written file; a response whose source file
    (same SHA-256) is already stored is not added again. Every record carries the respondent and the time it
    was recorded (UTC).
    """

    FILE = "responses.jsonl"

    def __init__(self, directory: str | Path) -> None:
        self.directory = Path(directory)
        self.path = self.directory / self.FILE

    def records(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        out = []
        for k, line in enumerate(self.path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise LoaderError(f"line is not valid JSON ({exc.msg}).", path=self.path, row=k,
                                      fix="restore the file from a backup; records are never edited.") from exc
        return out

    def append(self, response: Response) -> bool:
        """Add a response; ``False`` (and nothing written) if the same source file is already stored."""
        existing = self.records()
        if response.sha256 and any(r.get("sha256") == response.sha256 for r in existing):
            return False
        record = response.to_record()
        record["recorded_at"] = datetime.now(UTC).isoformat(timespec="seconds")
        line = json.dumps(record, ensure_ascii=False) + "\n"
        self.directory.mkdir(parents=True, exist_ok=True)
        old = self.path.read_bytes() if self.path.exists() else b""
        fd, tmp = tempfile.mkstemp(prefix=".responses-", suffix=".tmp", dir=self.directory)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(old)
                fh.write(line.encode("utf-8"))
                fh.flush()
                os.fsync(fh.fileno())
            os.chmod(tmp, self.path.stat().st_mode & 0o777 if self.path.exists() else 0o644)
            os.replace(tmp, self.path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        return True

    def responses(self, kind: str | None = None, *, latest: bool = True) -> list[Response]:
        """Stored responses (of one ``kind``); by default only the latest record of each respondent."""
        recs = [r for r in self.records() if kind is None or r.get("kind") == kind]
        if latest:
            last: dict[str, dict[str, Any]] = {}
            for r in recs:
                last[r["respondent"]] = r
            recs = list(last.values())
        return [Response.from_record(r) for r in recs]
