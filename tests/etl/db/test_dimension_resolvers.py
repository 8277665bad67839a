"""Resolvers built from the database (importer, CLI) and from loaded facts (filter bar, screen,
briefing) are the same rule over the same data, on SQLite and PostgreSQL."""

from __future__ import annotations

from sqlalchemy import Engine

from etl.db.models import SubjectAreaAlias
from etl.dimensions import load_name_resolvers
from etl.metrics import load_facts
from tests import factories as f

QUERIES = {
    "unit": ["示范县自然资源局", "县自然资源局", "国土局", "自然资原局", "住建", "柳屯镇政府", "市场监管局"],
    "township": ["柳屯镇", "柳屯乡", "城关", "县城关镇", "王庄"],
    "area": ["土地征收", "征地", "县土地征收"],
    "county": ["示范县", "示范", "河清县"],
}


def test_database_and_facts_resolvers_agree(engine: Engine) -> None:
    with engine.begin() as conn:
        county = f.add_county(conn, "示范县")
        liutun = f.add_township(conn, "柳屯镇", county, aliases=("柳屯乡",))
        f.add_township(conn, "城关镇", county)
        f.add_unit(conn, "示范县自然资源局", county, short_name="自然资源局", aliases=("国土局",))
        f.add_unit(conn, "示范县住房和城乡建设局", county, short_name="住建局")
        f.add_unit(conn, "柳屯镇人民政府", county, short_name="柳屯镇政府", unit_type="township_gov",
                   township_id=liutun)
        with_alias = f.add_area(conn, "土地征收")
        conn.execute(SubjectAreaAlias.__table__.insert().values(subject_area_id=with_alias, alias="征地"))
        db = load_name_resolvers(conn)
    facts = load_facts(engine).names
    resolved = {d: [db.of(d).lookup(q) for q in qs] for d, qs in QUERIES.items()}  # type: ignore[arg-type]
    assert resolved == {d: [facts.of(d).lookup(q) for q in qs] for d, qs in QUERIES.items()}  # type: ignore[arg-type]
    assert [r.id is not None for r in resolved["unit"]] == [True, True, True, False, False, True, False]
    assert resolved["unit"][3].suggestions == ("自然资源局",)
    assert resolved["township"][1].id == liutun and resolved["township"][3].id is not None
    assert resolved["area"][1].id == with_alias and resolved["area"][2].id is None
    assert resolved["county"][0].id == county and resolved["county"][1].suggestions == ("示范县",)
