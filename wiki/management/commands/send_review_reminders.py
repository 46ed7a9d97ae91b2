from django.core.management.base import BaseCommand

from wiki.services import review_reminders_send


class Command(BaseCommand):
    help = (
        "Notify each article's expert when it is past its review date (once per "
        "review date). Run daily, before send_notification_digest."
    )

    def handle(self, *args, **options):
        sent = review_reminders_send()
        self.stdout.write(self.style.SUCCESS(f"{sent} review reminder(s) sent."))
