"""The war room's two heavy reads at size: the kanban board with 5,000 open
leads, and the boss's dashboard over 100k leads (QUICK: 500 / 5,000).

Each page is requested in-process by a logged-in user (sales for the board, a
manager for the dashboard) next to the minimal `/healthz` view in the same run;
the table reports p50/p95, the ratio and the SQL queries of one request. The
leads are written with `bulk_create` (not through intake: we measure the reads)
spread over twelve months, stages, owners, channels and sites as the demo is.
"""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from benchmarks.harness import measure_row, ms, ratio, summarize, timed
from benchmarks.support import missing, table_missing

CHANNELS = ("website", "war_room", "campaign", "other")
BATCH = 2000


def _stages():
    from prospecting.models import PipelineStage

    stages = list(PipelineStage.objects.order_by("order"))
    open_ = [s for s in stages if s.kind == PipelineStage.Kind.OPEN]
    won = [s for s in stages if s.kind == PipelineStage.Kind.WON]
    lost = [s for s in stages if s.kind == PipelineStage.Kind.LOST]
    return open_, won, lost


def add_leads(count: int, *, open_share: float, owners: list, sites: list) -> int:
    """`count` leads (`open_share` of them open), in batches; returns how many."""
    from django.utils import timezone

    from prospecting.models import Company, Lead

    open_, won, lost = _stages()
    rng = random.Random(count)
    now = timezone.now()
    made = 0
    while made < count:
        size = min(BATCH, count - made)
        companies = Company.objects.bulk_create(
            Company(
                name=f"Bench Clôtures {made + i}",
                name_key=f"bench clotures {made + i}",
                city="Lyon",
                region="Auvergne-Rhône-Alpes",
            )
            for i in range(size)
        )
        leads = []
        for company in companies:
            created = now - timedelta(days=rng.uniform(0, 365))
            if rng.random() < open_share:
                stage = rng.choice(open_)
            else:
                stage = rng.choice(won if rng.random() < 0.5 else lost)
            channel = rng.choice(CHANNELS)
            leads.append(
                Lead(
                    company=company,
                    stage=stage,
                    owner=rng.choice(owners),
                    estimated_value=Decimal(rng.randrange(500, 40000)),
                    channel=channel,
                    site=rng.choice(sites) if channel == "website" and sites else None,
                    utm_campaign="souvenirs" if channel == "campaign" else "",
                    created_at=created,
                    updated_at=created,
                    stage_changed_at=created + timedelta(days=rng.uniform(0, 30)),
                    last_activity_at=created,
                    first_contact_at=created + timedelta(hours=rng.uniform(1, 72)),
                )
            )
        Lead.objects.bulk_create(leads)
        made += size
    return made


def _page(client, path: str, repeat: int):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    response = client.get(path)  # warm templates and caches
    assert response.status_code == 200, (path, response.status_code)
    summary = summarize(timed(lambda: client.get(path), repeat))
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    return summary, len(queries)


def _row(name: str, page: dict, baseline: dict, queries: int, note: str) -> dict:
    return measure_row(
        name,
        value=page,
        baseline=baseline,
        value_text=f"{ms(page)} (p95 {ms(page, 'p95_ms')})",
        baseline_text=ms(baseline),
        ratio_value=ratio(page["p50_ms"], baseline["p50_ms"]),
        goal="reported (query count bounded in tests)",
        ok=None,
        queries=queries,
        note=f"{queries} SQL queries; {note}",
    )


def _users():
    from benchmarks.support import bench_user
    from hub import roles

    sales = bench_user("bench-warroom-sales", roles.STAFF, roles.SALES)
    manager = bench_user("bench-warroom-boss", roles.STAFF, roles.MANAGERS)
    owners = [sales, manager] + [
        bench_user(f"bench-warroom-{n}", roles.STAFF, roles.SALES) for n in range(6)
    ]
    return sales, manager, owners


def _sites():
    from wagtail.models import Site

    return list(Site.objects.all()[:20])


def run(ctx) -> list[dict]:
    from benchmarks.harness import unavailable_row

    reason = missing("prospecting.views.dashboard:dashboard")
    if reason:
        return [unavailable_row("war room board / dashboard", reason, "reported")]
    from django.test import Client

    from prospecting.models import Lead

    reason = table_missing(Lead)
    if reason:
        return [unavailable_row("war room board / dashboard", reason, "reported")]

    board_size, dashboard_size = ctx.size(500, 5000), ctx.size(5000, 100_000)
    repeat = ctx.size(5, 30)
    sales, manager, owners = _users()
    sites = _sites()
    client = Client()
    client.force_login(sales)
    baseline = summarize(timed(lambda: client.get("/healthz"), repeat))
    # Board: the open leads only (won/lost leave the board).
    add_leads(board_size, open_share=1.0, owners=owners, sites=sites)
    board, board_queries = _page(client, "/war-room/", repeat)
    rows = [
        _row(
            f"board, {board_size:,} open leads p50",
            board,
            baseline,
            board_queries,
            "baseline /healthz",
        )
    ]
    # Dashboard: grow to the full size with closed leads as a year of work makes.
    add_leads(dashboard_size - board_size, open_share=0.3, owners=owners, sites=sites)
    total = Lead.objects.count()
    client.force_login(manager)
    dashboard, dash_queries = _page(client, "/war-room/dashboard/", repeat)
    rows.append(
        _row(
            f"dashboard, {total:,} leads p50",
            dashboard,
            baseline,
            dash_queries,
            "12 months, 4 channels; baseline /healthz",
        )
    )
    return rows
