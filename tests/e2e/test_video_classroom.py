"""The trainer's tools in the browser: hands queue in order, questions queue, mute
everyone, spotlight. Real Chromium peers (fake camera) on a live Daphne."""

import pytest
from playwright.sync_api import expect

from hub import roles
from tests.conftest import axe_violations, make_user, screenshot
from video import services

from .test_video_room import _everyone_leaves, open_room, wait_connected  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


def test_trainer_runs_hands_questions_mute_and_spotlight(daphne_server, new_context):
    trainer = make_user("formateur", roles.STAFF, first_name="Hélène")
    make_user("stagiaire1", roles.STAFF, first_name="Paul")
    make_user("stagiaire2", roles.STAFF, first_name="Inès")
    room = services.room_create(name="Classe pose", owner=trainer)
    helene, paul, ines = (
        open_room(new_context, daphne_server, name, room.slug)
        for name in ("formateur", "stagiaire1", "stagiaire2")
    )
    for page in (helene, paul, ines):
        wait_connected(page, 2)
    assert paul.locator("#btn-mute-all").count() == 0  # trainer only

    # Hands: Inès first, then Paul; the queue keeps that order for everyone.
    ines.click("#btn-hand")
    helene.locator("#hand-queue li[data-peer]").first.wait_for()
    paul.click("#btn-hand")
    queue = helene.locator("#hand-queue li .person-name")
    expect(queue).to_have_text(["Inès", "Paul"])
    expect(paul.locator("#hand-queue li .person-name")).to_have_text(["Inès", "Paul"])
    paul.locator("#hand-queue li button").wait_for(state="detached")  # not his to lower
    helene.locator("#hand-queue li").first.locator("button").click()
    expect(queue).to_have_text(["Paul"])
    expect(ines.locator("#btn-hand")).to_have_attribute("aria-pressed", "false")

    # Questions: asked by a trainee, marked answered by the trainer.
    paul.fill("#question-input", "Quelle profondeur pour les poteaux ?")
    paul.press("#question-input", "Enter")
    question = helene.locator("#question-list li", has_text="profondeur")
    question.wait_for()
    assert ines.locator("#question-list li button").count() == 0
    expect(helene.locator("#questions-count")).to_have_text("1")
    question.locator("button").click()
    expect(paul.locator("#question-list li.answered")).to_have_count(1)
    expect(paul.locator("#questions-count")).to_have_text("0")

    # Mute everyone: the trainees' microphones go off, the trainer's stays on.
    helene.click("#btn-mute-all")
    for page in (paul, ines):
        expect(page.locator("#btn-mic")).to_have_attribute("aria-pressed", "true")
        assert page.evaluate(
            "() => window.videoRoom.state.localStream.getAudioTracks()"
            ".every((t) => !t.enabled)"
        )
    expect(helene.locator("#btn-mic")).to_have_attribute("aria-pressed", "false")

    # Spotlight Paul: his tile is the big one on every screen, his own included.
    paul_id = paul.evaluate("() => window.videoRoom.state.me.peer_id")
    helene.locator(f"#participant-list li[data-peer='{paul_id}'] button").first.click()
    expect(ines.locator(f"#grid .tile.spotlight[data-peer='{paul_id}']")).to_have_count(
        1
    )
    expect(paul.locator("#grid .tile-local.spotlight")).to_have_count(1)
    box = ines.locator("#grid .tile.spotlight").bounding_box()
    other = ines.locator("#grid .tile:not(.spotlight)").first.bounding_box()
    assert box["width"] > 2 * other["width"]
    screenshot(ines, "video-classroom-spotlight")
    screenshot(helene, "video-classroom-trainer")
    assert axe_violations(helene) == []
    helene.click("#btn-spotlight-clear")
    expect(ines.locator("#grid .tile.spotlight")).to_have_count(0)
