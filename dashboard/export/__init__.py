"""Printing and picturing a page: capture what a run drew, lay it out for A4, render it with the
server's headless browser (``dashboard/export_view.py`` puts the menu in the page header)."""
