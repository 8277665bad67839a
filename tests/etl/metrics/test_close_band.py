"""The 接近 band scales with the target: 3.3% against a 2% loss-rate ceiling is missed, not close."""

from __future__ import annotations

import numpy as np
import pytest

from etl.metrics import DEFAULT_CONFIG, indicator, target_status
from etl.metrics.compute import _status
from etl.metrics.targets import close_margin


@pytest.mark.parametrize(("key", "value", "target", "expected"), [
    ("loss_rate", 0.019, 0.02, "met"), ("loss_rate", 0.021, 0.02, "close"), ("loss_rate", 0.033, 0.02, "missed"),
    ("reconsideration_correction_rate", 0.16, 0.15, "close"), ("reconsideration_correction_rate", 0.17, 0.15, "missed"),
    ("head_appearance_rate", 0.986, 1.0, "close"), ("head_appearance_rate", 0.97, 1.0, "missed"),
    ("pre_litigation_mediation_rate", 0.581, 0.60, "close"),
    ("litigation_cases", 95, 90, "close"), ("litigation_cases", 100, 90, "missed"),
])
def test_status_against_target(key: str, value: float, target: float, expected: str) -> None:
    ind = indicator(key)
    assert target_status(value, target, ind, DEFAULT_CONFIG).value == expected
    vectorised = _status(np.array([value], dtype=float), np.array([target], dtype=float), ind, DEFAULT_CONFIG)
    assert vectorised.to_list() == [expected]  # the grouped tables agree with the single figure


def test_rate_band_is_two_points_at_most_and_a_tenth_of_a_small_target() -> None:
    assert close_margin(1.0, True, DEFAULT_CONFIG) == pytest.approx(0.02)
    assert close_margin(0.02, True, DEFAULT_CONFIG) == pytest.approx(0.002)
    assert close_margin(90, False, DEFAULT_CONFIG) == pytest.approx(9)
