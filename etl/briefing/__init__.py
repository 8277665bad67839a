"""The joint-conference briefing (工作简报): figures from the indicator layer, written analysis,
charts and league tables, as DOCX (GB/T 9704 layout), PDF (fonts embedded) and PPTX (issue 7)."""
