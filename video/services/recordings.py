"""Class recordings, for the trainees who missed the class.

Janus records each publisher of a class room (one `.mjr` file per track, in
`JANUS_RECORDINGS_DIR/room-<pk>/`, a folder Janus and the hub share) when the
hub creates the room with `record`. After the class the background task turns
each speaker's tracks into one WebM: Debian's `janus-pp-rec` rebuilds the VP8
video and the Opus sound from the RTP packets, PyAV muxes them without
re-encoding. The result goes to PRIVATE_MEDIA_ROOT with a `Recording` row; the
raw `.mjr` files are deleted once their WebM exists (kept on failure, so a
retry can run again).

Participants are told on the room page that the class is recorded.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.db import transaction

from ..models import Participant, Recording, Room
from . import sfu

logger = logging.getLogger(__name__)

# videoroom-<room>-user-<feed>-<start µs>-<audio|video>-<mindex>.mjr (Janus 1.x)
TRACK_RE = re.compile(
    r"^videoroom-(?P<room>\d+)-user-(?P<feed>\d+)-(?P<start>\d+)-"
    r"(?P<kind>audio|video)-(?P<mindex>\d+)\.mjr$"
)
SAME_STAY_US = 30_000_000  # a speaker's tracks start within seconds of each other
CONVERT_TIMEOUT = 600  # seconds per track: an hour of class converts in ~10 s


def enabled(room: Room) -> bool:
    """Class rooms on the SFU are recorded when a recordings folder is set."""
    return bool(settings.JANUS_RECORDINGS_DIR) and room.is_class and sfu.uses_sfu(room)


def room_folder(room: Room) -> Path:
    return Path(settings.JANUS_RECORDINGS_DIR) / f"room-{room.pk}"


@dataclass
class Speaker:
    """The tracks Janus wrote for one publisher's stay in the room."""

    feed: int
    start_us: int
    video: Path | None = None
    audio: Path | None = None
    files: list[Path] = field(default_factory=list)

    @property
    def started_at(self) -> datetime:
        return datetime.fromtimestamp(self.start_us / 1_000_000, tz=UTC)


def speakers_in(folder: Path, janus_room: int) -> list[Speaker]:
    """Tracks grouped by publisher and stay. Janus opens each track's file when
    its first packet comes, so a speaker's audio and video names carry start
    times a moment apart: a track joins the stay it is near (a reconnect,
    later, starts a new stay)."""
    tracks = []
    for path in sorted(folder.glob("*.mjr")) if folder.is_dir() else ():
        match = TRACK_RE.match(path.name)
        if match and int(match["room"]) == janus_room:
            tracks.append(
                (int(match["feed"]), int(match["start"]), match["kind"], path)
            )
    stays: list[Speaker] = []
    open_stay: dict[int, Speaker] = {}
    for feed, start, kind, path in sorted(tracks):
        stay = open_stay.get(feed)
        if (
            stay is None
            or getattr(stay, kind) is not None
            or start - stay.start_us > SAME_STAY_US
        ):
            stay = open_stay[feed] = Speaker(feed=feed, start_us=start)
            stays.append(stay)
        setattr(stay, kind, path)
        stay.files.append(path)
    return sorted(stays, key=lambda s: s.start_us)


def _who(room: Room, feed: int):
    """(user, display name) of the participant whose peer id gives this feed."""
    for participant in Participant.objects.filter(room=room).select_related("user"):
        if sfu.feed_id(participant.peer_id) == feed:
            user = participant.user
            name = (user.get_full_name() or user.username) if user else ""
            return user, (name or participant.guest_name)[:120]
    return None, str(feed)


def _convert(track: Path, target: Path) -> Path:
    """One .mjr track to a playable file (janus-pp-rec picks the codec's own
    container from the extension: .webm for VP8, .opus for Opus)."""
    command = [settings.JANUS_PP_REC, str(track), str(target)]
    done = subprocess.run(  # noqa: S603 - fixed binary, our own file paths
        command, capture_output=True, text=True, timeout=CONVERT_TIMEOUT, check=False
    )
    if done.returncode != 0 or not target.exists() or target.stat().st_size == 0:
        tail = (done.stderr or done.stdout or "").strip().splitlines()[-3:]
        raise RecordingError(f"janus-pp-rec {track.name}: " + " / ".join(tail))
    return target


def _mux(video: Path | None, audio: Path | None, target: Path) -> float:
    """Picture and sound in one WebM, packets copied (no re-encoding);
    returns the duration in seconds."""
    import av

    inputs = [av.open(str(p)) for p in (video, audio) if p is not None]
    try:
        with av.open(str(target), "w", format="webm") as output:
            pairs = []
            for container in inputs:
                source = container.streams[0]
                pairs.append(
                    (container, source, output.add_stream_from_template(source))
                )
            duration = 0.0
            for container, source, stream in pairs:
                for packet in container.demux(source):
                    if packet.dts is None:
                        continue  # the demuxer's final flush packet
                    packet.stream = stream
                    output.mux(packet)
                    end = float((packet.pts or 0) + (packet.duration or 0))
                    duration = max(duration, end * float(packet.time_base))
    finally:
        for container in inputs:
            container.close()
    return duration


class RecordingError(Exception):
    """A track Janus wrote could not be turned into a playable file."""


def _process(room: Room, speaker: Speaker) -> Recording:
    recording, _created = Recording.objects.get_or_create(
        room=room,
        feed=speaker.feed,
        started_at=speaker.started_at,
        defaults={"speaker": str(speaker.feed)},
    )
    if recording.status == Recording.Status.READY:
        return recording
    recording.user, recording.speaker = _who(room, speaker.feed)
    try:
        with tempfile.TemporaryDirectory(prefix="hub-rec-") as tmp:
            work = Path(tmp)
            video = speaker.video and _convert(speaker.video, work / "video.webm")
            audio = speaker.audio and _convert(speaker.audio, work / "audio.opus")
            if not (video or audio):
                raise RecordingError("no audio or video track")
            muxed = work / f"{room.slug}-{speaker.feed}-{speaker.start_us}.webm"
            duration = _mux(video, audio, muxed)
            with muxed.open("rb") as handle:
                recording.file.save(muxed.name, File(handle), save=False)
        recording.duration_seconds = round(duration)
        recording.size_bytes = recording.file.size
        recording.status, recording.error = Recording.Status.READY, ""
    except (RecordingError, OSError, subprocess.SubprocessError, ValueError) as error:
        logger.warning(
            "Recording of %s feed %s failed: %s", room.slug, speaker.feed, error
        )
        recording.status, recording.error = Recording.Status.FAILED, str(error)[:2000]
    recording.save()
    if recording.status == Recording.Status.READY:
        for path in speaker.files:
            path.unlink(missing_ok=True)
    return recording


def recordings_collect(*, room: Room) -> list[Recording]:
    """Turn what Janus recorded in `room` into Recording rows (idempotent:
    a ready recording is not redone, a failed one is retried)."""
    folder = room_folder(room)
    speakers = speakers_in(folder, sfu.janus_room_id(room))
    recordings = []
    for speaker in speakers:
        with transaction.atomic():
            recordings.append(_process(room, speaker))
    if folder.is_dir() and not any(folder.iterdir()):
        shutil.rmtree(folder, ignore_errors=True)
    return recordings


def recordings_for(room: Room | None):
    """The ready recordings of a class, the trainer (room owner) first."""
    if room is None:
        return []
    ready = Recording.objects.filter(room=room, status=Recording.Status.READY)
    rows = list(ready.select_related("user"))
    return sorted(rows, key=lambda r: (r.user_id != room.owner_id, r.started_at))


def can_watch(user, recording: Recording) -> bool:
    """Employees watch class recordings (the Webschool is theirs); guests and
    customers never (they have no account)."""
    from hub import roles

    return bool(user.is_authenticated and roles.is_staff_member(user))
