"""Strings of the room's JavaScript, translated server-side and rendered into the
page as JSON (no build step, no separate catalog request)."""

from django.utils.translation import gettext as _


def client_strings() -> dict[str, str]:
    return {
        "you": _("You"),
        "host": _("host"),
        "guest": _("guest"),
        "connecting": _("Connecting…"),
        "connected": _("Connected"),
        "reconnecting": _("Connection lost, reconnecting…"),
        "peerConnecting": _("connecting…"),
        "peerConnected": _("connected"),
        "peerFailed": _("connection failed, retrying…"),
        "peerDisconnected": _("connection unstable…"),
        "muted": _("microphone off"),
        "cameraOff": _("camera off"),
        "handRaised": _("raised a hand"),
        "sharing": _("is sharing their screen"),
        "mute": _("Mute"),
        "unmute": _("Unmute"),
        "cameraStop": _("Stop camera"),
        "cameraStart": _("Start camera"),
        "shareStart": _("Share screen"),
        "shareStop": _("Stop sharing"),
        "handRaise": _("Raise hand"),
        "handLower": _("Lower hand"),
        "waitingTitle": _("Waiting for the host"),
        "waitingText": _(
            "The host has been told you are here and will let you in shortly."
        ),
        "waitingOne": _("%(name)s is waiting"),
        "admit": _("Admit"),
        "refuse": _("Refuse"),
        "remove": _("Remove"),
        "removeConfirm": _("Remove %(name)s from the meeting?"),
        "joined": _("%(name)s joined"),
        "left": _("%(name)s left"),
        "refused": _("The host did not let you in."),
        "removed": _("The host removed you from the meeting."),
        "ended": _("This meeting has ended."),
        "closed4401": _("Please log in or open your invitation link again."),
        "closed4403": _("You are not allowed in this room."),
        "closed4404": _("This room does not exist."),
        "closed4409": _("The room is full. Try again when someone leaves."),
        "closed4410": _("The invitation has expired or the meeting has ended."),
        "permissionDenied": _(
            "Your browser blocked the camera and microphone. Allow them with the "
            "icon in the address bar, then reload the page. You can still follow "
            "the meeting and chat."
        ),
        "noDevice": _(
            "No camera or microphone was found. You can still see and hear the "
            "others and use the chat."
        ),
        "deviceBusy": _(
            "The camera or microphone is used by another application. Close it, "
            "then reload the page."
        ),
        "insecure": _(
            "Camera and microphone need a secure (https) address or localhost."
        ),
        "shareFailed": _("Screen sharing was cancelled or is not available."),
        "enableSound": _("Click to enable sound"),
        "chatEmpty": _("No messages yet."),
        "errorGeneric": _("The server refused that: %(message)s"),
        "errorTooLarge": _("That message is too large."),
        "errorSlowDown": _("You are sending messages too fast."),
        "errorFull": _("The room is full: nobody else can be admitted."),
        "errorHostOnly": _("Only the host can do that."),
        "errorGone": _("That person has already left."),
        "camera": _("Camera"),
        "microphone": _("Microphone"),
        "noHands": _("No hand raised."),
        "lowerHandOf": _("Lower the hand"),
        "noQuestions": _("No questions yet."),
        "markAnswered": _("Mark answered"),
        "answered": _("answered"),
        "spotlight": _("Show to everyone"),
        "spotlightOn": _("shown to everyone"),
        "mutedByHost": _("The host muted everyone."),
        "mutedAll": _("Everyone else is muted."),
        "spotlightSet": _("%(name)s is shown to everyone."),
        "sfuFailed": _("The video server cannot be reached: %(message)s"),
    }
