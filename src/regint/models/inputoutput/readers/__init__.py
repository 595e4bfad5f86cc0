"""Readers of input-output tables: Rosstat symmetric tables and the generic CSV format.

They are the only part of :mod:`regint.models.inputoutput` that touches files.
"""

from regint.models.inputoutput.readers.generic import read_io_csv, write_io_csv
from regint.models.inputoutput.readers.rosstat import read_rosstat_symmetric

__all__ = ["read_io_csv", "read_rosstat_symmetric", "write_io_csv"]
