"""Survey instruments for officials and businesses of both sides of a pair: write them (ru/en XLSX), read filled ones.

Two instruments, one workbook per respondent, each written for one pair of regions (a Russian region and a
Belarusian oblast; by default :data:`regint._defaults.DEFAULT_PAIR`) and titled with its names:

- **officials** of both oblasts: political will and priorities, trust in the partner's institutions and the
  perceived obstacles (Likert 1–5), and pairwise (AHP, Saaty 1–9) comparisons of the directions of
  integration (:func:`regint.experts.directions.directions`);
- **business**: the cross-border obstacles questionnaire in the tradition of the EU border-obstacles studies
  (European Commission 2016 public consultation on cross-border obstacles; *Boosting growth and cohesion in
  EU border regions*, COM(2017) 534): legal, administrative, border, logistics, payment, standards,
  information, trust, language, labour and public-support obstacles rated 1–5, with the firm's side, size,
  sector and whether it trades with the other side.

The experts' instrument is the AHP/Delphi questionnaire that exists
(:func:`regint.experts.directions.directions_questionnaire`).

Sheets: instructions with the scales; *profile* (side, the respondent's attributes, an analyst's weight);
*questions* (one row per statement, an answer 1–5 or blank for "cannot say"); for officials *comparisons*
(one row per pair of directions: A / B / = and 1–9); a hidden ``_meta`` sheet with the codes and the pair. Reading a
filled file checks every answer (the side must be one of the form's pair) and names the sheet, row and column of
each problem; nothing is guessed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import cache
from itertools import combinations
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from regint._defaults import DEFAULT_PAIR
from regint._i18n_names import pair_genitive, region_forms
from regint._options import check_option
from regint._paths import package_data
from regint.errors import LoaderError, OptionError
from regint.experts.questionnaire import CHOICES, SCALE_MEANING

Lang = Literal["en", "ru"]
Kind = Literal["officials", "business"]
Pair = tuple[str, str]
KINDS: tuple[str, ...] = ("officials", "business")
FORMAT = "regint-survey/1"
SHEETS = {
    "help": {"en": "Instructions", "ru": "Инструкция"},
    "profile": {"en": "Profile", "ru": "Анкета"},
    "questions": {"en": "Questions", "ru": "Вопросы"},
    "pairs": {"en": "Comparisons", "ru": "Сравнения"},
}
META = "_meta"
FIRST_ROW = 4  # 1-based spreadsheet row of the first question / pair

SCALES: dict[str, dict[str, tuple[str, ...]]] = {
    "agree": {"en": ("strongly disagree", "rather disagree", "neither agree nor disagree", "rather agree",
                     "strongly agree"),
              "ru": ("совершенно не согласен", "скорее не согласен", "затрудняюсь сказать определённо",
                     "скорее согласен", "полностью согласен")},
    "trust": {"en": ("no trust at all", "rather no trust", "partly trust", "rather trust", "full trust"),
              "ru": ("совсем не доверяю", "скорее не доверяю", "доверяю отчасти", "скорее доверяю",
                     "полностью доверяю")},
    "severity": {"en": ("not an obstacle", "minor obstacle", "moderate obstacle", "serious obstacle",
                        "very serious obstacle"),
                 "ru": ("не препятствует", "незначительное препятствие", "умеренное препятствие",
                        "серьёзное препятствие", "очень серьёзное препятствие")},
}
BLOCK_TITLES = {
    "will": {"en": "Political will and priorities", "ru": "Политическая воля и приоритеты"},
    "trust": {"en": "How far do you trust ...", "ru": "Насколько вы доверяете ..."},
    "obstacles": {"en": "How much does each obstacle hinder co-operation across the border?",
                  "ru": "Насколько каждое препятствие мешает сотрудничеству через границу?"},
}
#: Profile fields per instrument after the side (one of the form's pair): code → allowed values (``None`` = free
#: text; ``"number"`` = a number).
PROFILE: dict[str, dict[str, tuple[str, ...] | str | None]] = {
    "officials": {"level": ("regional", "municipal", "national"), "body": None},
    "business": {"size": ("micro", "small", "medium", "large"),
                 "sector": ("agriculture", "manufacturing", "construction", "trade", "transport", "ict",
                            "other_services"),
                 "trades_with_partner": ("yes", "no")},
}
LABELS: dict[str, dict[str, str]] = {
    "en": {"side": "Side (oblast)", "level": "Level of government", "body": "Body (optional)",
           "size": "Size of the firm (employees: micro < 15, small < 100, medium < 250, large 250+)",
           "sector": "Main activity", "trades_with_partner": "Trades with or invests in the other side",
           "respondent": "Respondent code (no names needed)", "date": "Date (YYYY-MM-DD)",
           "weight": "Weight (filled by the analyst; default 1)",
           "regional": "regional", "municipal": "municipal", "national": "national",
           "micro": "micro", "small": "small", "medium": "medium", "large": "large",
           "agriculture": "agriculture and food", "manufacturing": "manufacturing", "construction": "construction",
           "trade": "wholesale and retail trade", "transport": "transport and logistics",
           "ict": "information and communication", "other_services": "other services", "yes": "yes", "no": "no",
           "no.": "No.", "topic": "Topic", "statement": "Statement", "answer": "Answer (1–5, blank = cannot say)",
           "a": "Direction A", "b": "Direction B", "which": "More important (A / B / =)", "how": "How much (1–9)",
           "value": "Value", "meaning": "Meaning", "scale": "Scale"},
    "ru": {"side": "Сторона (область)", "level": "Уровень власти", "body": "Орган (необязательно)",
           "size": "Размер предприятия (работников: микро — до 15, малое — до 100, среднее — до 250, "
                   "крупное — 250 и более)",
           "sector": "Основной вид деятельности", "trades_with_partner": "Торгует или инвестирует на другой стороне",
           "respondent": "Код респондента (ФИО не требуется)", "date": "Дата (ГГГГ-ММ-ДД)",
           "weight": "Вес (заполняет аналитик; по умолчанию 1)",
           "regional": "региональный", "municipal": "муниципальный", "national": "республиканский/федеральный",
           "micro": "микропредприятие", "small": "малое", "medium": "среднее", "large": "крупное",
           "agriculture": "сельское хозяйство и пищевая промышленность", "manufacturing": "обрабатывающая промышленность",
           "construction": "строительство", "trade": "оптовая и розничная торговля",
           "transport": "транспорт и логистика", "ict": "информация и связь", "other_services": "прочие услуги",
           "yes": "да", "no": "нет",
           "no.": "№", "topic": "Раздел", "statement": "Утверждение", "answer": "Ответ (1–5; пусто — затрудняюсь)",
           "a": "Направление А", "b": "Направление Б", "which": "Что важнее (А / Б / =)",
           "how": "Во сколько раз (1–9)", "value": "Балл", "meaning": "Значение", "scale": "Шкала"},
}
#: What the respondent reads first; ``{regions}`` is the pair in the genitive (:func:`regint._i18n_names.pair_genitive`).
INTRO = {
    "officials": {
        "en": ("Questionnaire for officials of {regions} on the integration of the two economies. Fill the "
               "profile, answer each statement on the 1–5 scale (leave it blank if you cannot say) and compare the "
               "directions of integration pairwise on Saaty's 1–9 scale. Answers are analysed only in aggregate, "
               "separately for each side."),
        "ru": ("Анкета для представителей органов власти {regions} по вопросам интеграции экономик двух регионов. "
               "Заполните анкету респондента, оцените каждое утверждение по шкале 1–5 (оставьте ячейку пустой, если "
               "затрудняетесь ответить) и попарно сравните направления интеграции по шкале Саати 1–9. Ответы "
               "обрабатываются только в обобщённом виде, отдельно по каждой стороне."),
    },
    "business": {
        "en": ("Survey of firms of {regions} on obstacles to doing business across the border (in the tradition "
               "of the European Commission's cross-border obstacles consultation). Fill the profile of your firm "
               "and rate how much each obstacle hinders your firm's co-operation with the other side on the 1–5 "
               "scale (blank if you cannot say). Answers are analysed only in aggregate."),
        "ru": ("Опрос предприятий {regions} о препятствиях для приграничного сотрудничества (по образцу "
               "консультаций Европейской комиссии о приграничных барьерах). Заполните сведения о предприятии и "
               "оцените по шкале 1–5, насколько каждое препятствие мешает сотрудничеству вашего предприятия с "
               "партнёрами на другой стороне (оставьте ячейку пустой, если затрудняетесь ответить). Ответы "
               "обрабатываются только в обобщённом виде."),
    },
}
#: The title of each instrument, naming its pair.
TITLES = {
    "officials": {"en": "Questionnaire for officials: the integration of the economies of {regions}",
                  "ru": "Анкета для органов власти: интеграция экономик {regions}"},
    "business": {"en": "Survey of firms of {regions}: obstacles to co-operation across the border",
                 "ru": "Опрос предприятий {regions}: препятствия для приграничного сотрудничества"},
}


def check_pair(pair: Pair) -> Pair:
    """``pair`` as two distinct region codes (the Russian region first), or :class:`OptionError`."""
    p = tuple(pair)
    if len(p) != 2 or not all(isinstance(c, str) and c for c in p) or p[0] == p[1]:
        raise OptionError(f"pair must be two different region codes (Russian, Belarusian), e.g. "
                          f"('RU-SMO', 'BY-VI'); got {pair!r}")
    return str(p[0]), str(p[1])


def title(kind: Kind, lang: Lang = "en", pair: Pair = DEFAULT_PAIR) -> str:
    """The instrument's title naming ``pair`` («Анкета для органов власти: интеграция экономик Смоленской и
    Витебской областей»)."""
    check_option("kind", kind, KINDS)
    check_option("lang", lang, ("en", "ru"))
    return TITLES[kind][lang].format(regions=pair_genitive(*check_pair(pair), lang))


def intro(kind: Kind, lang: Lang = "en", pair: Pair = DEFAULT_PAIR) -> str:
    """The instrument's opening text naming ``pair``."""
    check_option("kind", kind, KINDS)
    check_option("lang", lang, ("en", "ru"))
    return INTRO[kind][lang].format(regions=pair_genitive(*check_pair(pair), lang))


def labels(lang: str, pair: Pair = DEFAULT_PAIR) -> dict[str, str]:
    """The form's labels in ``lang`` with the two sides named by their regions (nominative)."""
    return LABELS[lang] | {side: region_forms(side, lang)["nom"] for side in pair}


def profile_fields(kind: str, pair: Pair = DEFAULT_PAIR) -> dict[str, tuple[str, ...] | str | None]:
    """The profile fields of an instrument for ``pair``: the side (one of the pair) first, then :data:`PROFILE`."""
    return {"side": tuple(pair), **PROFILE[kind]}


@cache
def _items() -> pd.DataFrame:
    return pd.read_csv(package_data("experts", "data", "survey_items.csv"), dtype=str, keep_default_na=False)


def survey_items(kind: Kind, lang: Lang = "en") -> pd.DataFrame:
    """The statements of an instrument: ``block, code, scale, text`` (in ``lang``), in questionnaire order."""
    check_option("kind", kind, KINDS)
    check_option("lang", lang, ("en", "ru"))
    items = _items()
    out = items[items["instrument"].isin([kind, "both"])].copy()
    out["text"] = out[f"text_{lang}"]
    return out.reset_index(drop=True)


def _directions(lang: Lang) -> list[tuple[str, str]]:
    from regint.experts.directions import directions

    d = directions(lang)
    return list(zip(d["code"], d["name"], strict=True))


def write_survey(path: str | Path, kind: Kind, lang: Lang = "en", pair: Pair = DEFAULT_PAIR) -> Path:
    """Write an empty instrument (XLSX with drop-down lists) for one respondent of ``pair``; returns the path.

    The title, the opening text and the list of sides name the pair's regions; the pair is kept in the hidden
    ``_meta`` sheet, so that a filled form is read against it.
    """
    import xlsxwriter

    check_option("kind", kind, KINDS)
    check_option("lang", lang, ("en", "ru"))
    pair = check_pair(pair)
    t = labels(lang, pair)
    head_title, text = title(kind, lang, pair), intro(kind, lang, pair)
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    items = survey_items(kind, lang)
    wb = xlsxwriter.Workbook(str(path))
    wb.set_properties({"title": head_title})
    bold = wb.add_format({"bold": True})
    wrap = wb.add_format({"text_wrap": True, "valign": "top"})
    head = wb.add_format({"bold": True, "bg_color": "#DDEBF7", "border": 1, "text_wrap": True})
    inp = wb.add_format({"bg_color": "#FFF2CC", "border": 1})

    hs = wb.add_worksheet(SHEETS["help"][lang])
    hs.set_column(0, 0, 14)
    hs.set_column(1, 1, 80)
    hs.write(0, 0, head_title, bold)
    hs.merge_range(1, 0, 6, 1, text, wrap)
    row = 8
    for scale in dict.fromkeys(items["scale"]):
        hs.write(row, 0, f"{t['scale']}: {scale}", bold)
        for k, meaning in enumerate(SCALES[scale][lang], start=1):
            hs.write_row(row + k, 0, [k, meaning])
        row += 7
    if kind == "officials":
        hs.write_row(row, 0, [t["value"], t["meaning"]], head)
        for k in range(1, 10):
            hs.write_row(row + k, 0, [k, SCALE_MEANING[lang][k]])

    ps = wb.add_worksheet(SHEETS["profile"][lang])
    ps.set_column(0, 0, 60)
    ps.set_column(1, 1, 36)
    ps.set_column(2, 2, 14, None, {"hidden": True})
    fields: list[tuple[str, tuple[str, ...] | str | None]] = [("respondent", None), ("date", None)]
    fields += list(profile_fields(kind, pair).items()) + [("weight", "number")]
    for r, (code, allowed) in enumerate(fields):
        ps.write(r, 0, t[code], bold)
        ps.write_blank(r, 1, None, inp)
        ps.write(r, 2, code)
        if isinstance(allowed, tuple):
            ps.data_validation(r, 1, r, 1, {"validate": "list", "source": [t[a] for a in allowed]})
    qs = wb.add_worksheet(SHEETS["questions"][lang])
    qs.set_column(0, 0, 5)
    qs.set_column(1, 1, 30)
    qs.set_column(2, 2, 80)
    qs.set_column(3, 3, 18)
    qs.set_column(4, 4, 16, None, {"hidden": True})
    qs.write(0, 0, head_title, bold)
    qs.write_row(FIRST_ROW - 2, 0, [t["no."], t["topic"], t["statement"], t["answer"], "code"], head)
    for k, it in items.iterrows():
        r = FIRST_ROW - 1 + int(k)  # type: ignore[call-overload]
        qs.write_row(r, 0, [int(k) + 1, BLOCK_TITLES[it["block"]][lang], it["text"]])  # type: ignore[call-overload]
        qs.write_blank(r, 3, None, inp)
        qs.write(r, 4, it["code"])
    qs.data_validation(FIRST_ROW - 1, 3, FIRST_ROW - 2 + len(items), 3,
                       {"validate": "integer", "criteria": "between", "minimum": 1, "maximum": 5})
    meta: dict[str, Any] = {"format": FORMAT, "kind": kind, "lang": lang, "pair": list(pair),
                            "profile": [c for c, _ in fields],
                            "items": list(items["code"]), "directions": []}
    if kind == "officials":
        dirs = _directions(lang)
        cs = wb.add_worksheet(SHEETS["pairs"][lang])
        cs.set_column(0, 0, 5)
        cs.set_column(1, 2, 44)
        cs.set_column(3, 4, 18)
        cs.set_column(5, 6, 14, None, {"hidden": True})
        regions = pair_genitive(*pair, lang)
        cs.write(0, 0, BLOCK_TITLES["will"][lang] + ": " + (f"направления интеграции {regions}" if lang == "ru"
                                                              else f"directions of integration of {regions}"), bold)
        cs.write_row(FIRST_ROW - 2, 0, [t["no."], t["a"], t["b"], t["which"], t["how"], "code_a", "code_b"], head)
        for k, ((ca, la), (cb, lb)) in enumerate(combinations(dirs, 2)):
            r = FIRST_ROW - 1 + k
            cs.write_row(r, 0, [k + 1, la, lb])
            cs.write_blank(r, 3, None, inp)
            cs.write_blank(r, 4, None, inp)
            cs.write_row(r, 5, [ca, cb])
        last = FIRST_ROW - 2 + len(dirs) * (len(dirs) - 1) // 2
        cs.data_validation(FIRST_ROW - 1, 3, last, 3, {"validate": "list", "source": list(CHOICES[lang])})
        cs.data_validation(FIRST_ROW - 1, 4, last, 4, {"validate": "integer", "criteria": "between",
                                                       "minimum": 1, "maximum": 9})
        meta["directions"] = [c for c, _ in dirs]
    ms = wb.add_worksheet(META)
    ms.write(0, 0, json.dumps(meta, ensure_ascii=False))
    ms.hide()
    wb.close()
    return path


# --------------------------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class SurveyResponse:
    """One respondent's answers.

    Attributes
    ----------
    answers : dict
        Item code → answer 1–5 (items left blank are absent).
    judgements : dict
        ``(direction a, direction b) → a_ab`` (officials; empty when the comparisons were not filled).
    synthetic : bool
        True for answers made up to test or demonstrate the mechanics (never a finding).
    pair : (str, str)
        The pair the form was written for (``side`` is one of it).
    """

    kind: str
    respondent: str
    side: str
    weight: float
    profile: Mapping[str, str]
    answers: Mapping[str, float]
    judgements: Mapping[tuple[str, str], float] = field(default_factory=dict)
    directions: tuple[str, ...] = ()
    date: str = ""
    source: str = ""
    synthetic: bool = False
    pair: Pair = DEFAULT_PAIR


def _text(v: Any) -> str:
    if isinstance(v, datetime | date):
        return v.strftime("%Y-%m-%d")
    return "" if v is None else str(v).strip()


def _number(v: Any) -> float | None:
    if v is None or (isinstance(v, str) and not v.strip()):
        return None
    try:
        return float(str(v).replace(",", "."))
    except ValueError:
        return None


def _sheet(wb: Any, key: str, lang: str, path: Path) -> Any:
    name = SHEETS[key][lang]
    if name not in wb.sheetnames:
        raise LoaderError(f"sheet {name!r} is missing.", path=path, fix="do not rename or delete the sheets.")
    return wb[name]


def _read_profile(ws: Any, kind: str, lang: str, path: Path,
                  pair: Pair) -> tuple[dict[str, str], float, str, str]:
    t = labels(lang, pair)
    fields = profile_fields(kind, pair)
    sheet = SHEETS["profile"][lang]
    values: dict[str, str] = {}
    weight, when, respondent = 1.0, "", ""
    for r in range(1, ws.max_row + 1):
        code = _text(ws.cell(r, 3).value)
        raw = ws.cell(r, 2).value
        if not code:
            continue
        if code == "weight":
            w = _number(raw)
            if raw not in (None, "") and (w is None or w <= 0):
                raise LoaderError(f"weight {raw!r} is not a positive number.", path=path, sheet=sheet, row=r,
                                  column="B", fix="enter a positive number or leave it blank for 1.")
            weight = 1.0 if w is None else w
            continue
        text = _text(raw)
        if code == "respondent":
            respondent = text
            continue
        if code == "date":
            when = text
            continue
        allowed = fields.get(code)
        if isinstance(allowed, tuple) and text:
            by_label = {t[a].lower(): a for a in allowed} | {a.lower(): a for a in allowed}
            if text.lower() not in by_label:
                raise LoaderError(f"{t[code]!r} is {text!r}, not one of {[t[a] for a in allowed]}.", path=path,
                                  sheet=sheet, row=r, column="B", fix="choose a value from the drop-down list.")
            text = by_label[text.lower()]
        values[code] = text
    if values.get("side", "") not in pair:
        raise LoaderError("the side (oblast) of the respondent is not given.", path=path, sheet=sheet,
                          column="B", fix=f"choose {t[pair[0]]!r} or {t[pair[1]]!r}.")
    if not respondent:
        raise LoaderError("the respondent code is empty.", path=path, sheet=sheet, row=1, column="B",
                          fix="enter any code that identifies the questionnaire (no name needed).")
    return values, weight, when, respondent


def _read_answers(ws: Any, items: list[str], lang: str, path: Path) -> dict[str, float]:
    sheet = SHEETS["questions"][lang]
    answers: dict[str, float] = {}
    seen = []
    for r in range(FIRST_ROW, ws.max_row + 1):
        code = _text(ws.cell(r, 5).value)
        if not code:
            continue
        if code not in items:
            raise LoaderError(f"row code {code!r} is not a question of this survey.", path=path, sheet=sheet,
                              row=r, column="E", fix="do not edit the hidden code column; use a fresh form.")
        seen.append(code)
        raw = ws.cell(r, 4).value
        if raw is None or _text(raw) == "":
            continue
        v = _number(raw)
        if v is None or v not in (1, 2, 3, 4, 5):
            raise LoaderError(f"answer {raw!r} is not a whole number from 1 to 5.", path=path, sheet=sheet, row=r,
                              column="D", fix="enter 1, 2, 3, 4 or 5, or leave the cell empty.")
        answers[code] = v
    missing = [c for c in items if c not in seen]
    if missing:
        raise LoaderError(f"the questions {missing} are missing from the sheet.", path=path, sheet=sheet,
                          fix="do not delete rows; use a fresh form.")
    return answers


def _read_pairs(ws: Any, directions: list[str], lang: str, path: Path) -> dict[tuple[str, str], float]:
    sheet = SHEETS["pairs"][lang]
    a_mark, b_mark, eq = CHOICES[lang]
    accept = {a_mark: "A", "A": "A", b_mark: "B", "B": "B", "=": "="}
    judgements: dict[tuple[str, str], float] = {}
    blank = []
    for r in range(FIRST_ROW, ws.max_row + 1):
        ca, cb = _text(ws.cell(r, 6).value), _text(ws.cell(r, 7).value)
        if not ca:
            continue
        if ca not in directions or cb not in directions:
            raise LoaderError(f"pair ({ca!r}, {cb!r}) is not a pair of this survey.", path=path, sheet=sheet,
                              row=r, column="F", fix="do not edit the hidden code columns.")
        which = accept.get(_text(ws.cell(r, 4).value).upper())
        how_raw = ws.cell(r, 5).value
        how = _number(how_raw)
        if which is None and how is None and _text(ws.cell(r, 4).value) == "":
            blank.append(r)
            continue
        if which is None:
            raise LoaderError(f"{_text(ws.cell(r, 4).value)!r} is not {a_mark}, {b_mark} or =.", path=path,
                              sheet=sheet, row=r, column="D", fix="choose from the drop-down list.")
        if which == "=":
            if how not in (None, 1):
                raise LoaderError(f"'=' with intensity {how_raw!r}: equal importance is 1.", path=path, sheet=sheet,
                                  row=r, column="E", fix="enter 1 or leave the intensity empty.")
            judgements[(ca, cb)] = 1.0
            continue
        if how is None or how not in range(1, 10):
            raise LoaderError(f"intensity {how_raw!r} is not a whole number from 1 to 9.", path=path, sheet=sheet,
                              row=r, column="E", fix="enter 1–9.")
        judgements[(ca, cb)] = how if which == "A" else 1.0 / how
    if judgements and blank:
        raise LoaderError(f"{len(blank)} comparisons are empty (first at row {blank[0]}); the directions can only "
                          "be weighed from a complete set.", path=path, sheet=sheet, row=blank[0], column="D",
                          fix="compare every pair, or leave the whole sheet empty.")
    return judgements


def read_survey(path: str | Path, *, synthetic: bool = False) -> SurveyResponse:
    """Read and validate one filled instrument.

    ``synthetic=True`` marks answers made up for a test or a demonstration (they never make a finding); a form
    filled by :func:`fill_survey` with ``synthetic=True`` carries the mark itself.

    Raises
    ------
    LoaderError
        Naming the sheet, row and column of: a missing side or respondent code, a profile value not in its
        list, a weight that is not a positive number, an answer outside 1–5, a comparison outside A/B/= and
        1–9 or '=' with an intensity other than 1, a partly filled comparisons sheet, edited code columns.
    """
    from openpyxl import load_workbook

    path = Path(path)
    if not path.exists():
        raise LoaderError("file not found.", path=path, fix="check the path of the filled survey.")
    try:
        wb = load_workbook(path, data_only=True)
    except Exception as exc:  # noqa: BLE001 - any reader failure is a bad file for the user
        raise LoaderError(f"not a readable XLSX workbook ({type(exc).__name__}).", path=path,
                          fix="save the survey as .xlsx.") from exc
    if META not in wb.sheetnames:
        raise LoaderError("not a regint survey (no hidden _meta sheet).", path=path,
                          fix="fill a form made by `regint experts questionnaire --kind officials|business`.")
    meta = json.loads(str(wb[META]["A1"].value))
    if meta.get("format") != FORMAT:
        raise LoaderError(f"format {meta.get('format')!r} is not {FORMAT!r}.", path=path, sheet=META,
                          fix="fill a form made by this version of regint.")
    kind, lang = str(meta["kind"]), str(meta["lang"])
    pair = _meta_pair(meta, path)
    profile, weight, when, respondent = _read_profile(_sheet(wb, "profile", lang, path), kind, lang, path, pair)
    answers = _read_answers(_sheet(wb, "questions", lang, path), list(meta["items"]), lang, path)
    judgements: dict[tuple[str, str], float] = {}
    if kind == "officials":
        judgements = _read_pairs(_sheet(wb, "pairs", lang, path), list(meta["directions"]), lang, path)
    return SurveyResponse(kind, respondent, profile["side"], weight, profile, answers, judgements,
                          tuple(meta.get("directions", ())), when, str(path),
                          synthetic or bool(meta.get("synthetic", False)), pair)


def _meta_pair(meta: Mapping[str, Any], path: Path) -> Pair:
    """The pair a form was written for (forms written before the pair was kept are of the default pair)."""
    raw = meta.get("pair", list(DEFAULT_PAIR))
    try:
        return check_pair(tuple(raw))
    except OptionError as exc:
        raise LoaderError(f"the pair {raw!r} in the hidden sheet is not two region codes.", path=path, sheet=META,
                          fix="do not edit the hidden sheet; use a fresh form.") from exc


def fill_survey(template: str | Path, out: str | Path, *, respondent: str, side: str,
                answers: Mapping[str, float | None], profile: Mapping[str, str] | None = None,
                judgements: Mapping[tuple[str, str], float] | None = None, weight: float | None = None,
                when: str = "", synthetic: bool = False) -> Path:
    """Fill a written instrument programmatically (tests, demonstrations, transcribing paper forms).

    Values are written as a respondent would choose them (labels in the form's language); ``judgements`` give
    ``a_ab`` for pairs (a, b) in the sheet's order (values < 1 mean B is more important). ``synthetic=True``
    marks the file itself as made-up answers (read back as ``SurveyResponse.synthetic``).
    """
    from openpyxl import load_workbook

    wb = load_workbook(template)
    meta = json.loads(str(wb[META]["A1"].value))
    lang = meta["lang"]
    pair = check_pair(tuple(meta.get("pair", DEFAULT_PAIR)))
    t = labels(lang, pair)
    given = {"respondent": respondent, "date": when, "side": t[check_option("side", side, pair)],
             **{k: t.get(v, v) for k, v in (profile or {}).items()}}
    ps = wb[SHEETS["profile"][lang]]
    for r in range(1, ps.max_row + 1):
        code = _text(ps.cell(r, 3).value)
        if code == "weight" and weight is not None:
            ps.cell(r, 2).value = weight
        elif code in given:
            ps.cell(r, 2).value = given[code]
    qs = wb[SHEETS["questions"][lang]]
    for r in range(FIRST_ROW, qs.max_row + 1):
        code = _text(qs.cell(r, 5).value)
        if code in answers and answers[code] is not None:
            qs.cell(r, 4).value = answers[code]
    if judgements and meta["kind"] == "officials":
        a_mark, b_mark, _ = CHOICES[lang]
        cs = wb[SHEETS["pairs"][lang]]
        for r in range(FIRST_ROW, cs.max_row + 1):
            pair = (_text(cs.cell(r, 6).value), _text(cs.cell(r, 7).value))
            if pair in judgements:
                v = float(judgements[pair])
                cs.cell(r, 4).value = "=" if v == 1 else (a_mark if v > 1 else b_mark)
                cs.cell(r, 5).value = 1 if v == 1 else round(v if v > 1 else 1 / v)
    if synthetic:
        wb[META]["A1"].value = json.dumps({**meta, "synthetic": True}, ensure_ascii=False)
    out = Path(out)
    wb.save(out)
    return out


__all__ = ["KINDS", "SurveyResponse", "check_pair", "fill_survey", "intro", "labels", "profile_fields", "read_survey",
           "survey_items", "title", "write_survey"]
