"""The sections of the report, one module each; :mod:`regint.report.document` assembles them."""
