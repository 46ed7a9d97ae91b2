"""What a dashboard looks at: a period and optional filters (site, channel,
owner, team), as querysets every figure starts from, plus the two SQL pieces
Django has no word for (hours between two datetimes; an aggregate over a
window function)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import NotSupportedError, connection
from django.db.models import FloatField, Func, Q, QuerySet

from ..models import Deal, Lead, Team
from .periods import DEFAULT_PERIOD, Period, named_period


@dataclass(frozen=True)
class Scope:
    """Leads *of the period* are those created in it (counts, pipeline,
    conversion, first contact); *won* in the period are the deals signed in it
    (revenue). The filters apply to both."""

    period: Period = field(default_factory=lambda: named_period(DEFAULT_PERIOD))
    site_id: int | None = None
    channel: str = ""
    owner_id: int | None = None
    team_id: int | None = None

    def lead_q(self, prefix: str = "") -> Q:
        q = Q(**{f"{prefix}deleted_at__isnull": True}) & Q(
            **{f"{prefix}merged_into__isnull": True}
        )
        if self.site_id is not None:
            q &= Q(**{f"{prefix}site_id": self.site_id})
        if self.channel:
            q &= Q(**{f"{prefix}channel": self.channel})
        if self.owner_id is not None:
            q &= Q(**{f"{prefix}owner_id": self.owner_id})
        if self.team_id is not None:
            members = Team.members.through.objects.filter(team_id=self.team_id).values(
                "user_id"
            )
            q &= Q(**{f"{prefix}owner_id__in": members})
        return q

    def leads(self) -> QuerySet[Lead]:
        """Every live lead the filters keep, whenever it came in."""
        return Lead.objects.filter(self.lead_q()).order_by()

    def created(self) -> QuerySet[Lead]:
        return self.leads().filter(
            created_at__gte=self.period.start, created_at__lt=self.period.end
        )

    def won(self) -> QuerySet[Deal]:
        return Deal.objects.filter(
            self.lead_q("lead__"),
            won_at__gte=self.period.start,
            won_at__lt=self.period.end,
        ).order_by()

    @property
    def filtered(self) -> bool:
        return any(
            v not in (None, "")
            for v in (self.site_id, self.channel, self.owner_id, self.team_id)
        )


def hours_sql(start_sql: str, end_sql: str) -> str:
    """SQL of the hours from `start` to `end` (fractional), per database."""
    if connection.vendor == "sqlite":
        return f"((julianday({end_sql}) - julianday({start_sql})) * 24.0)"
    if connection.vendor == "postgresql":
        return f"(EXTRACT(EPOCH FROM ({end_sql} - {start_sql})) / 3600.0)"
    raise NotSupportedError("hours between datetimes: SQLite or PostgreSQL only")


class HoursBetween(Func):
    """`HoursBetween("created_at", "first_contact_at")`: a float of hours,
    computed by the database (SQLite's julianday, PostgreSQL's epoch), where
    Django's duration arithmetic would call back into Python on SQLite."""

    arity = 2
    output_field = FloatField()

    def as_sql(self, compiler, connection, **extra):
        (start, start_params), (end, end_params) = (
            compiler.compile(e) for e in self.get_source_expressions()
        )
        return hours_sql(start, end), (*start_params, *end_params)


def over(queryset: QuerySet, select: str, *, group_by: str = "", params=()):
    """Run `SELECT <select> FROM (<queryset>) AS inner [GROUP BY ...]`: an
    aggregate over a window function (a percentile, a stay between two moves),
    which the ORM cannot express, still one statement in the database. The
    queryset's `.values()` names are the columns `select` can use."""
    sql, inner_params = queryset.query.sql_with_params()
    statement = f"SELECT {select} FROM ({sql}) AS inner_rows"  # noqa: S608 - fragments are ours; values go as params
    if group_by:
        statement += f" GROUP BY {group_by}"
    with connection.cursor() as cursor:
        cursor.execute(statement, (*params, *inner_params))
        return cursor.fetchall()
