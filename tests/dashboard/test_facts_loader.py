"""Facts read in a child process are the facts read in-process (so the server keeps
only the frames)."""

from __future__ import annotations

import datetime as dt
import logging
import subprocess
from dataclasses import fields
from typing import Any

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from dashboard import facts_loader
from dashboard.facts_loader import read_facts, use_child
from etl.db.engine import make_engine
from etl.demo import load_demo
from etl.metrics import Facts, load_facts


def assert_same_facts(a: Facts, b: Facts) -> None:
    for f in fields(Facts):
        left, right = getattr(a, f.name), getattr(b, f.name)
        if isinstance(left, pl.DataFrame):
            assert_frame_equal(left, right)  # values and dtypes (Categorical, Date, Boolean …)
        elif f.name == "ledgers":  # one frame per fact table
            assert list(left) == list(right)
            for name in left:
                assert_frame_equal(left[name], right[name])
        else:
            assert left == right, f.name


def test_a_child_process_reads_the_same_facts_on_sqlite_and_postgresql(db_url: str,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    load_demo(db_url, end=dt.date(2026, 6, 30))
    engine = make_engine(db_url)
    commands: list[list[str]] = []
    real_run = subprocess.run

    def recording_run(args: list[str], **kwargs: Any) -> Any:
        commands.append(list(args))
        return real_run(args, **kwargs)

    monkeypatch.setattr(facts_loader.subprocess, "run", recording_run)
    try:
        inline = load_facts(engine)
        assert inline.litigation.height > 100 and inline.data_version > 0
        child = read_facts(db_url, engine, "process")
    finally:
        engine.dispose()
    assert_same_facts(child, inline)
    assert len(commands) == 1 and not any(db_url in arg for arg in commands[0])  # no URL (password) in `ps`


def test_auto_reads_small_databases_in_process(sqlite_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    load_demo(sqlite_url, end=dt.date(2026, 6, 30))  # about a thousand lawsuits
    engine = make_engine(sqlite_url)
    spawned: list[str] = []
    monkeypatch.setattr(facts_loader, "load_in_child", lambda url: spawned.append(url))
    try:
        assert not use_child(engine, "auto") and use_child(engine, "process") and not use_child(engine, "inline")
        assert read_facts(sqlite_url, engine, "auto").litigation.height > 100
        assert spawned == []
        monkeypatch.setattr(facts_loader, "CHILD_MIN_ROWS", 1)
        assert use_child(engine, "auto")
    finally:
        engine.dispose()


def test_a_failing_child_falls_back_to_the_in_process_read(sqlite_url: str, monkeypatch: pytest.MonkeyPatch,
                                                           caplog: pytest.LogCaptureFixture) -> None:
    load_demo(sqlite_url, end=dt.date(2026, 6, 30))
    engine = make_engine(sqlite_url)

    def broken(url: str) -> Facts:
        raise OSError("cannot spawn")

    monkeypatch.setattr(facts_loader, "load_in_child", broken)
    try:
        with caplog.at_level(logging.WARNING, logger="dashboard.facts_loader"):
            facts = read_facts(sqlite_url, engine, "process")
        assert_same_facts(facts, load_facts(engine))
    finally:
        engine.dispose()
    assert "child process failed" in caplog.text
