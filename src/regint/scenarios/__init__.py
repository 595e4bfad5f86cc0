"""Scenarios: from integration measures to trade, output, jobs and the gaps between the regions.

Levers (``levers.csv``) → trade-cost cut → bilateral trade (gravity elasticity) → output and GVA of each side
(input-output multipliers) → GRP per capita → gaps (GRP per capita, wages, prices) and a projected
integration score; Monte Carlo over every parameter, benefits and costs by side, time to target and the
fastest sequence of levers under a budget. Analysis code takes a :class:`Baseline`; only the CLI reads data.
"""

from regint.scenarios._errors import ScenarioError
from regint.scenarios.accounts import benefit_cost_table, cumulative_table
from regint.scenarios.baseline import (
    Baseline,
    BaselineValue,
    default_baseline,
    default_parameters,
    load_parameters,
)
from regint.scenarios.engine import MODEL_PARAMETERS, OUTCOMES, LeverArrays, deterministic, project, simulate
from regint.scenarios.levers import Lever, LeverCatalogue, levers_from_frame, load_levers
from regint.scenarios.multipliers import fallback_multipliers, multiplier_parameters
from regint.scenarios.parameters import Parameter, sample_parameters
from regint.scenarios.results import ScenarioResult
from regint.scenarios.sensitivity import TornadoResult, tornado
from regint.scenarios.sequencing import FastestPathResult, Plan, brute_force, fastest_path, plan_scenario
from regint.scenarios.spec import (
    SHIPPED,
    ScenarioSpec,
    load_scenario,
    scenario_from_mapping,
    shipped_scenario,
)
from regint.scenarios.targets import Target, parse_target

__all__ = [
    "MODEL_PARAMETERS", "OUTCOMES", "SHIPPED", "Baseline", "BaselineValue", "FastestPathResult", "Lever",
    "LeverArrays", "LeverCatalogue", "Parameter", "Plan", "ScenarioError", "ScenarioResult", "ScenarioSpec",
    "Target", "TornadoResult", "benefit_cost_table", "brute_force", "cumulative_table", "default_baseline",
    "default_parameters", "deterministic", "fallback_multipliers", "fastest_path", "levers_from_frame", "load_levers",
    "load_parameters", "load_scenario", "multiplier_parameters", "parse_target", "plan_scenario", "project", "sample_parameters", "scenario_from_mapping",
    "shipped_scenario", "simulate", "tornado",
]
