"""Dashboard figures (read-only), grouped in the database. Each function returns
plain numbers so tests can compare them with values computed by hand.

- `periods`: this month, quarter, 12 months, year, custom dates;
- `scope`: a period and filters (site, channel, owner, team) → querysets;
- `breakdown`: leads, won revenue, pipeline by channel / site / UTM, by month;
- `contact`: time to first contact (median, 90th percentile);
- `stages`: conversion and time per stage, forecast;
- `report`: the dashboard's tables, for the page and the exports;
- `campaigns`: the table per campaign (facts registered by the mailing app);
- `overview`: the staff home's panel, leaderboard, stale leads.

Channels are defined once, in `prospecting.attribution`.
"""

from ..attribution import CHANNEL_LABELS, CHANNELS, channel_of
from .breakdown import Line, Monthly, breakdown, monthly
from .campaigns import CampaignFacts, can_open_campaigns, register_campaign_facts
from .contact import first_contact
from .overview import (
    FIND_SOURCES,
    channel_split_and_finds,
    finds_count,
    leaderboard,
    leads_by_channel,
    leads_per_month,
    revenue_by_channel,
    revenue_per_month,
    stale_leads,
)
from .periods import (
    PERIODS,
    Period,
    custom_period,
    month_starts,
    named_period,
    period_starts,
)
from .report import Report, Table, dashboard_report, for_reader
from .scope import Scope
from .stages import conversion_per_stage, forecast, time_in_stage

__all__ = [
    "CHANNELS",
    "CampaignFacts",
    "CHANNEL_LABELS",
    "FIND_SOURCES",
    "PERIODS",
    "Line",
    "Monthly",
    "Period",
    "Report",
    "Scope",
    "Table",
    "breakdown",
    "can_open_campaigns",
    "channel_of",
    "channel_split_and_finds",
    "conversion_per_stage",
    "custom_period",
    "dashboard_report",
    "finds_count",
    "first_contact",
    "for_reader",
    "forecast",
    "leaderboard",
    "leads_by_channel",
    "leads_per_month",
    "month_starts",
    "monthly",
    "named_period",
    "period_starts",
    "register_campaign_facts",
    "revenue_by_channel",
    "revenue_per_month",
    "stale_leads",
    "time_in_stage",
]
