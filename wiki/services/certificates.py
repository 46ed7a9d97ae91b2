"""Level certificates: issued once a level's quizzes are all passed, rendered
as a one-page PDF (fpdf2) that carries a verification code and URL."""

from __future__ import annotations

import secrets

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from hub.services import audit_log

from ..models import LEVELS, Certificate, WebschoolIndexPage
from ..selectors.learning_path import done_lesson_ids, level_completed, path_lessons
from ..selectors.training_report import certificate_hours


def _new_code() -> str:
    return secrets.token_hex(6).upper()


def certificate_issue(*, user, level: str, by) -> Certificate:
    """The certificate of `user` for `level`, issued the first time it is asked
    for; refused (ValidationError) while the level is not completed."""
    existing = Certificate.objects.filter(user=user, level=level).first()
    if existing is not None:
        return existing
    index = WebschoolIndexPage.objects.first()
    path = path_lessons(index) if index else []
    if not level_completed(path=path, done=done_lesson_ids(user), level=level):
        raise ValidationError(
            _("The “%(level)s” level is not completed yet.")
            % {"level": dict(LEVELS).get(level, level)}
        )
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(
                user=user,
                level=level,
                hours=certificate_hours(user=user, level=level),
                code=_new_code(),
            )
            audit_log(
                actor=by,
                action="webschool.certificate",
                target=certificate,
                changes={"user": user.pk, "level": level},
            )
    except IntegrityError:  # asked twice at once: the other request issued it
        return Certificate.objects.get(user=user, level=level)
    return certificate


def _latin1(text: str) -> str:
    """fpdf2's core fonts are Latin-1: French fits; typographic quotes are
    mapped, anything else becomes "?" rather than failing."""
    text = text.replace("’", "'").replace("“", '"').replace("”", '"')
    return text.encode("latin-1", "replace").decode("latin-1")


def certificate_pdf(*, certificate: Certificate, verify_url: str) -> bytes:
    from fpdf import FPDF

    user = certificate.user
    name = user.get_full_name() or user.get_username()
    level = str(dict(LEVELS).get(certificate.level, certificate.level))
    issued = formats.date_format(timezone.localtime(certificate.issued_at), "j F Y")
    hours = formats.number_format(certificate.hours, 2)
    pdf = FPDF(orientation="L", format="A4")
    pdf.set_title(_latin1(_("Webschool certificate")))
    pdf.set_author("Webschool")
    pdf.add_page()
    pdf.set_line_width(1.2)
    pdf.rect(10, 10, 277, 190)
    lines = [
        ("B", 28, _("Webschool certificate"), 28),
        ("", 14, _("This certifies that"), 16),
        ("B", 24, name, 20),
        ("", 14, _("completed the Webschool level"), 12),
        ("B", 20, level, 18),
        (
            "",
            13,
            _("%(hours)s training hours credited on evidence") % {"hours": hours},
            10,
        ),
        ("", 13, _("Issued on %(date)s") % {"date": issued}, 22),
        ("", 10, _("Verification code: %(code)s") % {"code": certificate.code}, 7),
        ("", 10, verify_url, 7),
    ]
    pdf.set_y(32)
    for style, size, text, height in lines:
        pdf.set_font("Helvetica", style, size)
        pdf.cell(0, height, _latin1(text), align="C", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())
