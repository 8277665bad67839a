"""Settings: typed and frozen, read from the environment once at an entry point, bad values refused in Chinese."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from typer.testing import CliRunner

from etl.cli import app
from etl.config import DEFAULT_DB_URL, DEFAULT_INDICATORS_FILE, Settings, SettingsError, cores, load_settings


def test_an_empty_environment_gives_the_documented_defaults() -> None:
    settings = load_settings(environ={})
    assert settings == Settings()
    assert settings.db_url == DEFAULT_DB_URL and settings.indicators_file == DEFAULT_INDICATORS_FILE
    assert settings.page_slots == settings.compute_slots == cores()
    assert (settings.result_cache_mb, settings.flag_cache_mb, settings.facts_loader) == (128.0, 128.0, "inline")
    assert settings.no_demo is False and settings.preload is True and settings.trusted_user_header == ""


def test_every_variable_is_read_into_its_typed_field(tmp_path: Path) -> None:
    env = {"LIANDONG_DB_URL": "sqlite:////x.db", "LIANDONG_NO_DEMO": "yes", "LIANDONG_INDICATORS_FILE": str(tmp_path),
           "LIANDONG_SCREEN_PRESETS": "~/screens.toml", "LIANDONG_TRUSTED_USER_HEADER": "X-Remote-User",
           "LIANDONG_PAGE_SLOTS": " 3 ", "LIANDONG_COMPUTE_SLOTS": "0", "LIANDONG_RESULT_CACHE_MB": "64",
           "LIANDONG_FLAG_CACHE_MB": "32.5", "LIANDONG_FACTS_LOADER": "Process", "LIANDONG_LOAD_WAIT_SECONDS": "0.5",
           "LIANDONG_PRELOAD": "0"}
    settings = load_settings(environ=env)
    assert settings == Settings(
        db_url="sqlite:////x.db", no_demo=True, indicators_file=tmp_path,
        screen_presets=Path("~/screens.toml").expanduser(), trusted_user_header="X-Remote-User", page_slots=3,
        compute_slots=0, result_cache_mb=64.0, flag_cache_mb=32.5, facts_loader="process", load_wait_seconds=0.5,
        preload=False)
    assert isinstance(settings.page_slots, int) and isinstance(settings.indicators_file, Path)
    assert load_settings("sqlite:////cli.db", environ=env).db_url == "sqlite:////cli.db"  # --db wins
    assert load_settings(environ={"LIANDONG_PAGE_SLOTS": "  "}).page_slots == cores()  # blank = unset


def test_settings_are_frozen() -> None:
    settings = load_settings(environ={})
    with pytest.raises(dataclasses.FrozenInstanceError):
        settings.db_url = "sqlite://"  # type: ignore[misc]


@pytest.mark.parametrize(("name", "value", "expected"), [
    ("LIANDONG_PAGE_SLOTS", "many", "应为不小于 0 的整数"),
    ("LIANDONG_COMPUTE_SLOTS", "-1", "应为不小于 0 的整数"),
    ("LIANDONG_RESULT_CACHE_MB", "lots", "应为大于 0 的数"),
    ("LIANDONG_FLAG_CACHE_MB", "-5", "应为大于 0 的数"),
    ("LIANDONG_LOAD_WAIT_SECONDS", "inf", "应为大于 0 的数"),
    ("LIANDONG_FACTS_LOADER", "sometimes", "可选 auto、process、inline"),
    ("LIANDONG_NO_DEMO", "maybe", "应为 1 或 0"),
    ("LIANDONG_PRELOAD", "2", "应为 1 或 0"),
])
def test_a_bad_value_is_an_error_naming_the_variable_in_chinese(name: str, value: str, expected: str) -> None:
    with pytest.raises(SettingsError) as caught:
        load_settings(environ={name: value})
    assert name in str(caught.value) and f"“{value}”" in str(caught.value) and expected in str(caught.value)


def test_the_command_line_refuses_a_bad_setting_with_its_message(monkeypatch: pytest.MonkeyPatch,
                                                                  sqlite_url: str) -> None:
    monkeypatch.setenv("LIANDONG_RESULT_CACHE_MB", "lots")
    result = CliRunner().invoke(app, ["batches", "--db", sqlite_url])
    assert result.exit_code == 2
    assert "环境变量 LIANDONG_RESULT_CACHE_MB 的值“lots”无效" in result.output
