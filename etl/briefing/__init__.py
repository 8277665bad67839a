"""The joint-conference briefing (工作简报): figures from the indicator layer, written analysis,
charts and league tables, as DOCX (GB/T 9704 layout), PDF (fonts embedded) and PPTX.

Entry points (import from the submodules; this package stays light to import)::

    from etl.briefing.generate import generate_from_engine, build_file, render, FORMATS, BriefingError
    from etl.briefing.assemble import BriefScope, assemble_briefing
    from etl.briefing.phrasing import count_change, rate_change, format_percent   # pure wording rules
"""
