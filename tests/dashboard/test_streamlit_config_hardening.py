"""The shipped Streamlit settings: no tracebacks in the browser, an upload cap that agrees with nginx,
and localhost unless told otherwise."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from streamlit import config

ROOT = Path(__file__).resolve().parents[2]
SETTINGS = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))


def test_error_details_are_off_with_a_value_this_streamlit_knows() -> None:
    value = SETTINGS["client"]["showErrorDetails"]
    assert value == config.ShowErrorDetailsConfigOptions.NONE  # "none": no type, message or traceback


def test_the_upload_cap_is_set_and_matches_the_proxy() -> None:
    cap_mb = SETTINGS["server"]["maxUploadSize"]
    nginx = (ROOT / "deploy" / "nginx-liandong.conf").read_text(encoding="utf-8")
    proxy_mb = int(re.search(r"client_max_body_size\s+(\d+)m;", nginx).group(1))  # type: ignore[union-attr]
    assert 0 < cap_mb <= 100 and cap_mb == proxy_mb


def test_a_plain_streamlit_run_listens_on_localhost_only() -> None:
    assert SETTINGS["server"]["address"] == "127.0.0.1"
