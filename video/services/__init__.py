"""Writes of the video room. Import from here: `video.services.room_for_lead`, …"""

from .classroom import (
    hand_lower,
    mute_all,
    question_ask,
    question_info,
    question_mark_answered,
    questions_for_room,
    spotlight_set,
)
from .invites import (
    GuestPass,
    InviteError,
    guest_pass_create,
    guest_pass_read,
    invite_create,
    invite_open,
    invite_revoke,
    invite_url,
)
from .presence import (
    RoomFull,
    chat_post,
    participant_admit,
    participant_join,
    participant_leave,
    participant_media_update,
    participant_refuse,
    participant_remove,
    participant_touch,
)
from .rooms import personal_room_for, room_create, room_end, room_for_lead

__all__ = [
    "GuestPass",
    "InviteError",
    "RoomFull",
    "chat_post",
    "guest_pass_create",
    "hand_lower",
    "mute_all",
    "question_ask",
    "question_info",
    "question_mark_answered",
    "questions_for_room",
    "spotlight_set",
    "guest_pass_read",
    "invite_create",
    "invite_open",
    "invite_revoke",
    "invite_url",
    "participant_admit",
    "participant_join",
    "participant_leave",
    "participant_media_update",
    "participant_refuse",
    "participant_remove",
    "participant_touch",
    "personal_room_for",
    "room_create",
    "room_end",
    "room_for_lead",
]
