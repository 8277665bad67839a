"""Importing ledgers: read → find header → map columns → normalise → resolve → validate → load.

Entry points: :func:`etl.importing.pipeline.import_file` / ``import_files`` (with ``ImportOptions``;
``dry_run=True`` validates without writing), :func:`etl.importing.batches.rollback_batch` and
``list_batches``, :mod:`etl.importing.unmatched` (queue, ``map_name_to_unit``, ``create_unit``),
:mod:`etl.importing.vocabulary` (``map_value``, ``unmap_value``, header synonyms, export/import),
:func:`etl.importing.template.build_template` and :func:`etl.importing.report.build_report` (its
cells pass through :mod:`etl.export_safety`, like every other xlsx/csv export).

Decisions worth knowing:

- 案号 canonical form uses the official full-width brackets: （2024）豫0928行初15号, whatever the
  ledger used ((), [], 〔〕, 【】); digits are half-width. The instance comes from the type code,
  longest code first (行审复 before 行审, 行赔初 before 行初).
- Court of a litigation row: its 审理法院 column if present; otherwise ``ImportOptions.court``; otherwise
  the 填报单位 line above the header when it names a court, or any "…法院" in the title rows; otherwise
  the court code of its 案号 (（2025）豫0926行初12号 → 豫0926), named from the court list (``courts`` kind,
  ``court`` table) when registered and kept as the code when not. Only a row without a usable 案号 is
  rejected for its court.
- A value no vocabulary knows (outcome, decision, result, channel, yes/no, appearance, status, type)
  does not reject its row: the row is stored and held (raw spelling kept, code null) until the office
  maps the spelling (``etl.importing.vocabulary``; docs/decisions/0011-held-values.md). Row accounting:
  read = accepted + held + merged duplicates + skipped + rejected.
- Township may be blank. ``region_id`` of a fact row is the jurisdiction's region.
- A workbook's sheets are all read; the sheet whose header matches most columns fixes the file's kind
  (a 填表说明 sheet first does not), sheets of another kind are listed as not imported and a sheet with
  no recognisable header is reported. A one-column list imports when ``--kind`` is given or its one
  header is the name column of a list (乡镇（街道）, 单位名称, 法院名称); brackets of any width or style are
  the same header, and a trailing hint in brackets (负责人出庭【是/否】) is ignored.
- Duplicate key (litigation: court + normalised 案号; reconsideration: 案号; others: their reference;
  targets: year + indicator + scope): within a file the later row wins and the earlier ones count as
  merged duplicates; across files the row is updated (previous values kept for rollback), and only
  the columns the new file actually has are compared and written.
- The same bytes as an active batch → no-op with a message; identical rows in a different file →
  a batch that counts them as unchanged. A file with no acceptable row creates no batch.
- Rolling back a unit/township sheet makes rows attributed to its units unmatched again.
"""
