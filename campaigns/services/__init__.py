"""Writes of the campaigns app, by concern: composing and sending (sending),
what recipients do back (responses), incoming mail (inbound), the surge."""

from .inbound import inbound_process
from .responses import click_record, unsubscribe
from .sending import (
    audience_save,
    campaign_pause,
    campaign_send_start,
    campaign_test_send,
    recipients_prepare,
    send_batch,
    sends_resume_stalled,
)
from .surge import surge_rebalance

__all__ = [
    "audience_save",
    "campaign_pause",
    "campaign_send_start",
    "campaign_test_send",
    "click_record",
    "inbound_process",
    "recipients_prepare",
    "send_batch",
    "sends_resume_stalled",
    "surge_rebalance",
    "unsubscribe",
]
