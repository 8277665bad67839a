"""大屏 — the meeting-room wall screen (issue 6): configured by the URL, rotating by itself."""

from dashboard.screen.render import render_screen

render_screen()
