"""`manage.py remind_next_actions`: run daily (cron) to remind due next actions."""

from django.core.management.base import BaseCommand

from prospecting.services import next_action_reminders_send


class Command(BaseCommand):
    help = "Notify owners of leads whose next action is due (once per due date)."

    def handle(self, *args, **options):
        sent = next_action_reminders_send()
        self.stdout.write(self.style.SUCCESS(f"{sent} reminders sent"))
