"""The fictional demo county 示范县 (and larger scales for benchmarks): ``liandong demo``.

Public API: ``load_demo(db_url, seed=..., scale=..., replace=..., end=...) -> DemoSummary``,
``generate_demo(seed, scale, end) -> DemoData`` (frames only, no database) and ``DemoError``.
"""

from etl.demo.generate import DEFAULT_SEED, FACT_TABLES, DemoData, DemoError, generate_demo
from etl.demo.load import DEMO_FILE_NAME, DemoSummary, existing_data, load_demo, write_demo
from etl.demo.profile import SCALES

__all__ = ["DEFAULT_SEED", "DEMO_FILE_NAME", "FACT_TABLES", "SCALES", "DemoData", "DemoError", "DemoSummary",
           "existing_data", "generate_demo", "load_demo", "write_demo"]
