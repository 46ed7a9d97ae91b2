"""Writes of the war room (HackSoft style): every entry point calls these."""

from .activities import activity_log
from .import_files import import_files_purge
from .intake import IntakeResult, lead_intake
from .intake_batch import BatchItem, BatchOutcome, lead_intake_batch
from .leads import (
    lead_move_stage,
    lead_restore,
    lead_soft_delete,
    lead_update,
)
from .merging import (
    default_choices,
    duplicate_dismiss,
    lead_merge,
    lead_merge_can_undo,
    lead_merge_undo,
)
from .reminders import next_action_reminders_send
from .stages import stage_by_key, stage_initial, stages_ensure

__all__ = [
    "BatchItem",
    "BatchOutcome",
    "IntakeResult",
    "activity_log",
    "default_choices",
    "duplicate_dismiss",
    "import_files_purge",
    "lead_intake",
    "lead_intake_batch",
    "lead_merge",
    "lead_merge_can_undo",
    "lead_merge_undo",
    "lead_move_stage",
    "lead_restore",
    "lead_soft_delete",
    "lead_update",
    "next_action_reminders_send",
    "stage_by_key",
    "stage_initial",
    "stages_ensure",
]
