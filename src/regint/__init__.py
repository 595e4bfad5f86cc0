"""regint — decision support for the economic integration of two neighbouring regions.

The default pair is Smolensk oblast (RU-SMO, Russia) and Vitebsk oblast (BY-VI, Belarus), with the other
Russia–Belarus border regions and the national totals as comparators.
"""

from regint.errors import RegintError

__all__ = ["RegintError", "__version__"]
__version__ = "0.1.0"
