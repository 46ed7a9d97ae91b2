from django.core.management.base import BaseCommand

from hub.services import notification_digest_send


class Command(BaseCommand):
    help = "E-mail each user a digest of their unread notifications (run daily)."

    def handle(self, *args, **options):
        result = notification_digest_send()
        self.stdout.write(
            f"Sent {result.users} digests covering "
            f"{result.notifications} notifications."
        )
