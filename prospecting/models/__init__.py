"""The war room's data: companies, contacts, leads in a configurable pipeline,
their activities, stage history and won deals.

A lead is only ever created through `prospecting.services.lead_intake`, which
normalises and deduplicates; these models hold no business logic.
"""

from .history import Activity, Deal, StageChange
from .intake import DuplicateFlag, ImportJob, LeadMerge
from .pipeline import (
    DEFAULT_STAGE_LABELS,
    Company,
    Contact,
    Lead,
    LeadQuerySet,
    PipelineStage,
)
from .routing import RoutingRule, Team

__all__ = [
    "DEFAULT_STAGE_LABELS",
    "Activity",
    "Company",
    "Contact",
    "Deal",
    "DuplicateFlag",
    "ImportJob",
    "Lead",
    "LeadMerge",
    "LeadQuerySet",
    "PipelineStage",
    "RoutingRule",
    "StageChange",
    "Team",
]
