"""The settings of one pair study: everything a front end can choose, validated once, language-free.

Every CLI flag, report option and dashboard control that changes a result maps onto one field of
:class:`Settings`; no other module holds these values as literals. A :class:`Settings` is frozen and hashable, so
a front end can keep one :class:`~regint.study.Study` per settings.

>>> from regint.study import Settings
>>> s = Settings(pair=("RU-PSK", "BY-VI"))
>>> s.pair_label
'RU-PSK:BY-VI'
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from pathlib import Path

from regint._defaults import DEFAULT_PAIR
from regint.errors import OptionError

__all__ = ["DEFAULT_BORDER_PAIRS", "DEFAULT_COMPARATORS", "DEFAULT_PAIR", "DEFAULT_PAIR_LABEL", "MonteCarlo", "Settings", "parse_pair"]

#: The default pair of the study (Smolensk oblast, Vitebsk oblast) is :data:`regint._defaults.DEFAULT_PAIR`.
#: The default pair as the command line writes it.
DEFAULT_PAIR_LABEL = f"{DEFAULT_PAIR[0]}:{DEFAULT_PAIR[1]}"
#: Regions shown beside the pair in profiles and coverage: the other border regions and the two countries.
DEFAULT_COMPARATORS: tuple[str, ...] = ("RU-PSK", "RU-BRY", "BY-VI", "BY-MA", "BY-HO", "RU-SMO", "RU", "BY")
#: The Union State border pairs (Russian region, Belarusian oblast) compared in the index and preconditions.
DEFAULT_BORDER_PAIRS: tuple[tuple[str, str], ...] = (
    ("RU-SMO", "BY-VI"), ("RU-PSK", "BY-VI"), ("RU-SMO", "BY-MA"), ("RU-BRY", "BY-MA"), ("RU-BRY", "BY-HO"),
)


@dataclass(frozen=True)
class MonteCarlo:
    """Sizes of the Monte Carlo runs and resamplings.

    Attributes
    ----------
    index : int
        Base runs of the index's uncertainty analysis (OECD/JRC 2008, step 7).
    directions : int
        Dirichlet weight draws of the directions ranking's sensitivity.
    gravity : int
        Parametric draws of the gravity trade potential.
    scenarios : int
        Draws of each scenario's Monte Carlo.
    bootstrap : int
        Wild cluster bootstrap replications of the objective-factor panel.
    placebo : bool
        Whether the synthetic control runs the in-space placebos (inference).
    """

    index: int = 1000
    directions: int = 1000
    gravity: int = 200
    scenarios: int = 1000
    bootstrap: int = 999
    placebo: bool = True

    def __post_init__(self) -> None:
        for name in ("index", "directions", "gravity", "scenarios", "bootstrap"):
            value = getattr(self, name)
            if not isinstance(value, int) or value < 1:
                raise OptionError(f"Monte Carlo size {name} must be an integer ≥ 1; got {value!r}")

    @classmethod
    def full(cls) -> MonteCarlo:
        """The sizes of a report."""
        return cls()

    @classmethod
    def fast(cls) -> MonteCarlo:
        """Small sizes for tests and ``--fast`` runs (wider bands, same code)."""
        return cls(index=50, directions=100, gravity=20, scenarios=100, bootstrap=99, placebo=False)


def parse_pair(text: str) -> tuple[str, str]:
    """``"RU-SMO:BY-VI"`` → ``("RU-SMO", "BY-VI")``; the regions are checked by :class:`Settings`."""
    parts = [p.strip().upper() for p in str(text).split(":")]
    if len(parts) != 2 or not all(parts):
        raise OptionError(f"a pair is written RUSSIAN:BELARUSIAN region, e.g. 'RU-SMO:BY-VI'; got {text!r}")
    return parts[0], parts[1]


def _check_region(code: str, country: str, what: str) -> None:
    from regint.data.catalogs import regions

    known = regions()
    codes = set(known["code"]) if "code" in known.columns else set(known.index)
    if code not in codes:
        raise OptionError(f"{what} {code!r} is not in the region catalog. Fix: use an ISO 3166-2 code such as "
                          f"'RU-SMO' or 'BY-VI' (`regint data regions` lists them)")
    if not code.startswith(f"{country}-"):
        raise OptionError(f"{what} must be a region of {country} (code {country}-…); got {code!r}")


@dataclass(frozen=True)
class Settings:
    """What one pair study is computed for.

    Attributes
    ----------
    pair : (str, str)
        The Russian region and the Belarusian oblast (ISO 3166-2), e.g. ``("RU-SMO", "BY-VI")``.
    comparators : tuple of str
        Regions shown beside the pair in profiles and the coverage table (the pair is always included).
    border_pairs : tuple of (str, str)
        The border pairs compared in the index and preconditions (the study's pair is added when absent).
    report_date : datetime.date
        The date the study is made for: findings older than three years before it are marked dated; measures
        start no earlier than the year after it.
    base_year : int or None
        First year of the scenario projections; ``None``: the latest year with data for both sides.
    io_year : int
        Year of the Rosstat symmetric input-output table (2011, 2016 or 2021 ship with the package).
    io_delta : float
        Flegg's δ of the FLQ regionalisation (central value).
    io_delta_range : (float, float)
        The δ giving the low and the high multiplier (a larger δ cuts local purchases more).
    io_shock : float
        The example final-demand shock of the input-output section, mln RUB.
    io_shock_sector : str
        OKVED2 section receiving the example shock and, by default, the scenario trade change.
    mc : MonteCarlo
        Sizes of the Monte Carlo runs.
    seed : int
        Seed of every random draw of the study (numpy's default_rng).
    discount_rate : float
        Real discount rate of the benefits and costs (fraction per year); the default 5 % is the social discount
        rate of European Commission (2014), Guide to Cost-Benefit Analysis of Investment Projects, section 2.9.4
        (:data:`regint.scenarios.accounts.DISCOUNT_SOURCE`).
    gravity_sigma : float
        Elasticity of substitution σ turning a gravity trade-cost effect into a tariff equivalent.
    scenario_files, survey_files : tuple of Path
        The user's scenario TOML files (default: the shipped inertial, moderate and accelerated) and filled
        directions questionnaires (default: none — the ranking then rests on data criteria).
    subjective_files : tuple of Path
        Filled officials' and business surveys (:mod:`regint.experts.survey`; default: none — the subjective
        factors then show the instruments and draw no finding).
    """

    pair: tuple[str, str] = DEFAULT_PAIR
    comparators: tuple[str, ...] = DEFAULT_COMPARATORS
    border_pairs: tuple[tuple[str, str], ...] = DEFAULT_BORDER_PAIRS
    report_date: dt.date = field(default_factory=dt.date.today)
    base_year: int | None = None
    io_year: int = 2021
    io_delta: float = 0.3
    io_delta_range: tuple[float, float] = (0.4, 0.1)
    io_shock: float = 1000.0
    io_shock_sector: str = "C"
    mc: MonteCarlo = field(default_factory=MonteCarlo)
    seed: int = 20250101
    discount_rate: float = 0.05
    gravity_sigma: float = 7.0
    scenario_files: tuple[Path, ...] = ()
    survey_files: tuple[Path, ...] = ()
    subjective_files: tuple[Path, ...] = ()

    def __post_init__(self) -> None:
        pair = tuple(self.pair)
        if len(pair) != 2:
            raise OptionError(f"pair must be two region codes (Russian, Belarusian); got {self.pair!r}")
        object.__setattr__(self, "pair", (str(pair[0]), str(pair[1])))
        _check_region(self.pair[0], "RU", "the first region of the pair")
        _check_region(self.pair[1], "BY", "the second region of the pair")
        object.__setattr__(self, "comparators", tuple(self.comparators))
        object.__setattr__(self, "border_pairs", tuple(tuple(p) for p in self.border_pairs))  # type: ignore[misc]
        object.__setattr__(self, "scenario_files", tuple(Path(p) for p in self.scenario_files))
        object.__setattr__(self, "survey_files", tuple(Path(p) for p in self.survey_files))
        object.__setattr__(self, "subjective_files", tuple(Path(p) for p in self.subjective_files))
        if self.io_year not in (2011, 2016, 2021):
            raise OptionError(f"io_year must be one of {{2011, 2016, 2021}}; got {self.io_year!r}")
        for d in (self.io_delta, *self.io_delta_range):
            if not 0.0 <= float(d) < 1.0:
                raise OptionError(f"Flegg's δ must be in [0, 1); got {d!r}")
        if not 0.0 <= self.discount_rate < 1.0:
            raise OptionError(f"discount_rate must be a fraction in [0, 1); got {self.discount_rate!r}")
        if self.gravity_sigma <= 1.0:
            raise OptionError(f"gravity_sigma must exceed 1; got {self.gravity_sigma!r}")
        if self.base_year is not None and not 2000 <= self.base_year <= self.report_date.year:
            raise OptionError(f"base_year must lie between 2000 and the report year {self.report_date.year}; "
                              f"got {self.base_year!r}")

    # -- derived views ---------------------------------------------------------------------------------------
    @property
    def pair_label(self) -> str:
        """``"RU-SMO:BY-VI"`` (for file names and the command line, never for running text)."""
        return f"{self.pair[0]}:{self.pair[1]}"

    @property
    def regions(self) -> tuple[str, ...]:
        """The pair first, then the comparators (each once)."""
        rest = [r for r in self.comparators if r not in self.pair]
        return (*self.pair, *dict.fromkeys(rest))

    @property
    def all_border_pairs(self) -> tuple[tuple[str, str], ...]:
        """The border pairs with the study's pair first."""
        rest = [p for p in self.border_pairs if tuple(p) != self.pair]
        return (self.pair, *rest)

    @property
    def comparator_pairs(self) -> tuple[tuple[str, str], ...]:
        """The border pairs other than the study's, and the two countries."""
        return (*[p for p in self.border_pairs if tuple(p) != self.pair], ("RU", "BY"))

    @property
    def io_deltas(self) -> tuple[float, float, float]:
        """(low-multiplier δ, central δ, high-multiplier δ)."""
        return float(self.io_delta_range[0]), float(self.io_delta), float(self.io_delta_range[1])

    @property
    def first_measure_year(self) -> int:
        """The earliest year a new measure can start: the year after the report date."""
        return self.report_date.year + 1

    def replace(self, **changes: object) -> Settings:
        """A copy with ``changes`` (validated again)."""
        return replace(self, **changes)  # type: ignore[arg-type]

    @classmethod
    def fast(cls, **changes: object) -> Settings:
        """Settings with the small Monte Carlo sizes (tests, ``--fast``)."""
        return cls(mc=MonteCarlo.fast(), **changes)  # type: ignore[arg-type]
