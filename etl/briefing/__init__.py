"""The joint-conference briefing (工作简报): a short 正文 written from the indicator layer, 附件 with
league tables and lists, as DOCX (GB/T 9704 layout), PDF (fonts embedded) and PPTX.

Entry points (import from the submodules; this package stays light to import)::

    from etl.briefing.generate import generate_from_engine, build_file, render, FORMATS, BriefingError
    from etl.briefing.assemble import BriefScope, assemble_briefing, with_issue_number
    from etl.briefing.annexes import ANNEXES          # (title, builder) entries of the 附件
    from etl.wording import changes, numbers, sentences  # the wording every surface shares
"""
