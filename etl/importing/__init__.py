"""Importing ledgers (issue 3): read → find header → map columns → normalise → resolve → validate → load.

The public entry points are :func:`etl.importing.pipeline.import_files` (and ``preview_file`` for the
page), :func:`etl.importing.batches.rollback_batch`, :mod:`etl.importing.unmatched` and
:func:`etl.importing.template.build_template`.
"""
