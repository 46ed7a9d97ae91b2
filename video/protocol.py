"""The signaling protocol: what a browser may send, checked before anything is done.

Every client frame is a JSON object with a `type`. `parse()` returns a cleaned
copy (only known keys, right types, bounded sizes) or raises ProtocolError, whose
`code` goes back to the browser in an error frame; the connection stays open.
"""

from __future__ import annotations

import re

# The hub's application close codes, one set for every socket (the client
# explains each to the user); CLOSE_GONE: invite expired or meeting ended.
from hub.consumers import (  # noqa: F401 - re-exported for the video app
    CLOSE_FORBIDDEN,
    CLOSE_FULL,
    CLOSE_GONE,
    CLOSE_NOT_FOUND,
    CLOSE_UNAUTHENTICATED,
    MessageError,
)

MAX_FRAME_BYTES = 80 * 1024  # an SDP (64 KB) plus its envelope
MAX_SDP_BYTES = 64 * 1024
MAX_CANDIDATE_BYTES = 2048
MAX_CHAT_CHARS = 2000
MAX_QUESTION_CHARS = 500
PEER_ID = re.compile(r"^[0-9a-f]{16}$")
MEDIA_KEYS = ("audio", "video", "hand", "screen")


class ProtocolError(MessageError):
    """A refused signaling message (its code goes back in the error frame)."""


def _peer(content: dict, key: str = "to") -> str:
    value = content.get(key)
    if not isinstance(value, str) or not PEER_ID.match(value):
        raise ProtocolError("bad-peer", f"'{key}' must be a peer id")
    return value


def _description(content: dict) -> dict:
    description = content.get("description")
    if not isinstance(description, dict):
        raise ProtocolError("bad-message", "'description' must be an object")
    sdp = description.get("sdp")
    if description.get("type") != content["type"] or not isinstance(sdp, str):
        raise ProtocolError("bad-message", "description type/sdp mismatch")
    if len(sdp.encode()) > MAX_SDP_BYTES:
        raise ProtocolError("too-large", "SDP larger than 64 KB")
    return {
        "type": content["type"],
        "to": _peer(content),
        "description": {"type": content["type"], "sdp": sdp},
    }


def _candidate(content: dict) -> dict:
    candidate = content.get("candidate")
    if candidate is None:  # end of candidates
        return {"type": "ice-candidate", "to": _peer(content), "candidate": None}
    if not isinstance(candidate, dict):
        raise ProtocolError("bad-message", "'candidate' must be an object or null")
    text = candidate.get("candidate", "")
    mid = candidate.get("sdpMid")
    index = candidate.get("sdpMLineIndex")
    fragment = candidate.get("usernameFragment")
    if not isinstance(text, str) or len(text) > MAX_CANDIDATE_BYTES:
        raise ProtocolError("bad-message", "bad ICE candidate")
    if mid is not None and (not isinstance(mid, str) or len(mid) > 64):
        raise ProtocolError("bad-message", "bad sdpMid")
    if index is not None and (
        not isinstance(index, int) or isinstance(index, bool) or not 0 <= index < 64
    ):
        raise ProtocolError("bad-message", "bad sdpMLineIndex")
    if fragment is not None and (not isinstance(fragment, str) or len(fragment) > 256):
        raise ProtocolError("bad-message", "bad usernameFragment")
    return {
        "type": "ice-candidate",
        "to": _peer(content),
        "candidate": {
            "candidate": text,
            "sdpMid": mid,
            "sdpMLineIndex": index,
            "usernameFragment": fragment,
        },
    }


def _chat(content: dict) -> dict:
    text = content.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ProtocolError("bad-message", "'text' must be a non-empty string")
    if len(text) > MAX_CHAT_CHARS:
        raise ProtocolError("too-large", f"chat messages are at most {MAX_CHAT_CHARS}")
    return {"type": "chat", "text": text}


def _state(content: dict) -> dict:
    changes = {k: content[k] for k in MEDIA_KEYS if k in content}
    if not changes or not all(isinstance(v, bool) for v in changes.values()):
        raise ProtocolError(
            "bad-message", "state takes booleans: " + ", ".join(MEDIA_KEYS)
        )
    return {"type": "state", "changes": changes}


def _host_action(content: dict) -> dict:
    return {"type": content["type"], "peer": _peer(content, "peer")}


def _question(content: dict) -> dict:
    text = content.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ProtocolError("bad-message", "'text' must be a non-empty string")
    if len(text) > MAX_QUESTION_CHARS:
        raise ProtocolError("too-large", f"questions are at most {MAX_QUESTION_CHARS}")
    return {"type": "question", "text": text}


def _question_id(content: dict) -> dict:
    value = content.get("id")
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ProtocolError("bad-message", "'id' must be a question id")
    return {"type": content["type"], "id": value}


def _spotlight(content: dict) -> dict:
    """`peer`: the one to show big, or null to clear the spotlight."""
    if content.get("peer") is None:
        return {"type": "spotlight", "peer": ""}
    return {"type": "spotlight", "peer": _peer(content, "peer")}


def _bare(content: dict) -> dict:
    return {"type": content["type"]}


def _ping(content: dict) -> dict:
    return {"type": "ping"}


VALIDATORS = {
    "offer": _description,
    "answer": _description,
    "ice-candidate": _candidate,
    "chat": _chat,
    "state": _state,
    "admit": _host_action,
    "refuse": _host_action,
    "remove": _host_action,
    "question": _question,
    "question-answered": _question_id,
    "lower-hand": _host_action,
    "mute-all": _bare,
    "spotlight": _spotlight,
    "ping": _ping,
}


def parse(content) -> dict:
    if not isinstance(content, dict) or not isinstance(content.get("type"), str):
        raise ProtocolError("bad-message", "a JSON object with a 'type' is expected")
    validator = VALIDATORS.get(content["type"])
    if validator is None:
        raise ProtocolError("unknown-type", "unknown message type")
    return validator(content)
