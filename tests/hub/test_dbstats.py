"""hub.dbstats: planner statistics refreshed while a bulk write grows tables."""

import pytest
from django.db import connection

from hub.dbstats import GrowthAnalyzer, analyze
from prospecting.models import Company

pytestmark = pytest.mark.django_db


def estimated_rows(model) -> float:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT reltuples FROM pg_class WHERE relname = %s", [model._meta.db_table]
        )
        return cursor.fetchone()[0]


def companies(count: int, start: int = 0):
    Company.objects.bulk_create(
        Company(name=f"Clôtures {n}", name_key=f"clotures {n}")
        for n in range(start, start + count)
    )


def test_analyzes_when_the_rows_written_double():
    growth = GrowthAnalyzer(Company, first_at=100)
    schedule = []
    for _ in range(8):
        growth.wrote(50)
        schedule.append(growth.next_at)
    assert schedule == [100, 200, 200, 400, 400, 400, 400, 800]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL planner")
def test_postgresql_estimates_follow_the_growth():
    analyze(Company)
    before = estimated_rows(Company)
    companies(300)
    assert estimated_rows(Company) == before  # autovacuum has not run
    growth = GrowthAnalyzer(Company, first_at=200)
    growth.wrote(300)
    assert estimated_rows(Company) >= before + 300


def test_no_op_on_sqlite():
    if connection.vendor != "sqlite":
        pytest.skip("SQLite only")
    companies(10)
    analyze(Company)  # nothing to refresh, nothing raised
    GrowthAnalyzer(Company, first_at=1).wrote(10)
