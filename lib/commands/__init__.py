"""Subcommands of ``python -m lib``, one module each.

A module defines ``NAME``, ``HELP``, ``arguments(parser)`` (the ``--db`` option is added for
every command) and ``run(args) -> int``; :mod:`lib.cli` discovers them. Raise
``lib.cli.UsageError`` for wrong words (exit 2) and ``lib.db.StoreError`` for data problems
(exit 1); both reach the user as one line.
"""
