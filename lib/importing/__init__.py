"""Importing analysts' exports into a dataset, atomically and without loss.

Which module owns what (each imports only the ones above it):

``problems``
    what an import reports: :class:`FileProblem` (a file that is no table), :class:`ImportProblem`
    (the import as a whole), :class:`Problem` (one cell or row, with file and line),
    :class:`Outcome`, :class:`Progress`.
``encodings``
    a text file's encoding: detection, conversion to UTF-8, files mixing UTF-8 and Windows-1252.
``formats``
    reading a file: CSV/TSV/TXT, XLSX or Parquet by content, dialect, header, number and date
    formats (:class:`formats.Settings`).
``contract``
    the data contract of the seven input tables (columns, types, English and German header
    names, which tables refer to customers) and the template per table.
``checks``
    the SQL that converts a source column into the stored value plus a problem code.
``mapping``
    a file becoming a :class:`Part`: its table and column mapping (guessed, overridable), how it
    is read, and the :func:`preview` of its first rows as stored.
``diagnosis``
    every problem of an import the fast path refused, with line numbers and rejected rows.
``run``
    :func:`run_import` of a :class:`Plan`: the fast path, the diagnosis, the atomic write, the
    checkpoint, the derived tables (``prepare``), and the work folders.

Not here: the list, renaming and deletion of datasets belong to the store (:mod:`lib.db`), the
admin password check to :mod:`lib.access`, the import benchmark to ``bench/importing.py``.
"""
from __future__ import annotations

from lib.importing import checks, contract, formats
from lib.importing.contract import TABLES, template
from lib.importing.diagnosis import csv_lines
from lib.importing.formats import FileProblem, Settings
from lib.importing.mapping import Part, apply_map, guess_mapping, guess_table, open_part, preview
from lib.importing.problems import MAX_PROBLEMS, ImportProblem, Outcome, Problem, Progress
from lib.importing.run import Plan, check_plan, new_workdir, remove_workdir, run_import, source_text

__all__ = ["Part", "Plan", "Outcome", "Problem", "Progress", "ImportProblem", "FileProblem", "Settings",
           "open_part", "run_import", "preview", "guess_table", "guess_mapping", "apply_map", "template",
           "csv_lines", "source_text", "check_plan", "new_workdir", "remove_workdir", "MAX_PROBLEMS", "TABLES",
           "checks", "contract", "formats"]
