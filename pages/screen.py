"""大屏 — the meeting-room wall screen: configured by the URL, rotating by itself."""

from dashboard.screen.render import render_screen

render_screen()
