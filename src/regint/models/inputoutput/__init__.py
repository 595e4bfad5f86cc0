"""Input-output analysis: Leontief and Ghosh models, multipliers, linkages, regionalisation and impact.

Numbers happen in small pure functions (:mod:`.leontief`, :mod:`.closure`, :mod:`.regional`);
:class:`IOTable` labels them, caches the inverses and returns frozen results; the readers
(:mod:`.readers`) load Rosstat symmetric tables and the generic CSV format (docs/io-format.md).

References
----------
Miller, R. E. & Blair, P. D. (2009). *Input-Output Analysis: Foundations and Extensions*, 2nd ed.
Eurostat (2008). *Eurostat Manual of Supply, Use and Input-Output Tables*, ch. 15 (J. Beutel).
Flegg, A. T. & Webber, C. D. (1997, 2000); Flegg, A. T. & Tohmo, T. (2013), *Regional Studies*.
"""

from regint.models.inputoutput.closure import household_closure, type_i_multipliers, type_ii_multipliers
from regint.models.inputoutput.leontief import (
    allocation_coefficients,
    check_productive,
    ghosh_inverse,
    hawkins_simon_minors,
    leontief_inverse,
    multipliers,
    rasmussen_linkages,
    solve_leontief,
    spectral_radius,
    technical_coefficients,
)
from regint.models.inputoutput.national import (
    NationalIOData,
    aggregate,
    read_concordance,
    shipped_concordance,
)
from regint.models.inputoutput.pair import PairModel, RegionalModel, pair_model, regional_model
from regint.models.inputoutput.readers import read_io_csv, read_rosstat_symmetric, write_io_csv
from regint.models.inputoutput.regional import (
    DELTA_GRID,
    Regionalisation,
    aflq,
    cilq,
    flegg_lambda,
    flq,
    regional_coefficients,
    regionalise,
    slq,
    structure_from_proxies,
)
from regint.models.inputoutput.results import ImpactResult, MultiplierResult
from regint.models.inputoutput.shipped import shipped_table, shipped_tables
from regint.models.inputoutput.table import IOTable

__all__ = [
    "DELTA_GRID",
    "IOTable",
    "ImpactResult",
    "MultiplierResult",
    "NationalIOData",
    "PairModel",
    "RegionalModel",
    "Regionalisation",
    "aflq",
    "aggregate",
    "allocation_coefficients",
    "check_productive",
    "cilq",
    "flegg_lambda",
    "flq",
    "ghosh_inverse",
    "hawkins_simon_minors",
    "household_closure",
    "leontief_inverse",
    "multipliers",
    "pair_model",
    "rasmussen_linkages",
    "read_concordance",
    "read_io_csv",
    "read_rosstat_symmetric",
    "regional_coefficients",
    "regional_model",
    "regionalise",
    "shipped_concordance",
    "slq",
    "solve_leontief",
    "spectral_radius",
    "structure_from_proxies",
    "technical_coefficients",
    "shipped_table",
    "shipped_tables",
    "type_i_multipliers",
    "type_ii_multipliers",
    "write_io_csv",
]
