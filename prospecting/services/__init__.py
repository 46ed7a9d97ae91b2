"""Writes of the war room (HackSoft style): every entry point calls these."""

from .activities import activity_log
from .import_files import import_files_purge
from .intake import IntakeResult, find_duplicate, lead_intake
from .intake_batch import BatchItem, BatchOutcome, lead_intake_batch
from .leads import (
    lead_merge,
    lead_move_stage,
    lead_restore,
    lead_soft_delete,
    lead_update,
)
from .reminders import next_action_reminders_send
from .stages import stage_by_key, stage_initial, stages_ensure

__all__ = [
    "BatchItem",
    "BatchOutcome",
    "IntakeResult",
    "activity_log",
    "find_duplicate",
    "import_files_purge",
    "lead_intake",
    "lead_intake_batch",
    "lead_merge",
    "lead_move_stage",
    "lead_restore",
    "lead_soft_delete",
    "lead_update",
    "next_action_reminders_send",
    "stage_by_key",
    "stage_initial",
    "stages_ensure",
]
