from django.conf import settings
from django.db import transaction
from django.db.models import F
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from hub.services import notify

from ..models import Lead, PipelineStage


def next_action_reminders_send(*, today=None) -> int:
    """Bell + daily digest for each open lead whose next action is due today or
    late: to its owner, else to whoever found it. Once per due date."""
    today = today or timezone.localdate()
    due = (
        Lead.objects.alive()
        .filter(
            stage__kind=PipelineStage.Kind.OPEN,
            next_action_due__lte=today,
        )
        .exclude(reminded_for=F("next_action_due"))
        .select_related("company", "owner", "found_by")
    )
    sent = 0
    for lead in due.iterator(chunk_size=500):
        person = lead.owner or lead.found_by
        with transaction.atomic():
            if person is not None:
                with translation.override(settings.LANGUAGE_CODE):
                    verb = _("Next action due on %(date)s: %(action)s") % {
                        "date": lead.next_action_due.strftime("%d/%m"),
                        "action": lead.next_action or _("follow up"),
                    }
                notify(
                    users=[person],
                    kind="lead.next_action",
                    verb=verb,
                    target_label=lead.company.name,
                    target_url=lead.get_absolute_url(),
                )
                sent += 1
            Lead.objects.filter(pk=lead.pk).update(reminded_for=lead.next_action_due)
    return sent
