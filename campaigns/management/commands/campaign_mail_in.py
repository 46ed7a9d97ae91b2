"""Read mail that came back (bounces, replies) from a Maildir or from files:
`manage.py campaign_mail_in /var/mail/hub-returns` (a Maildir: new/ is read
and each message moved to cur/ once processed) or `… message1.eml message2.eml`.
Point the mailbox of CAMPAIGNS_BOUNCE_ADDRESS and CAMPAIGNS_REPLY_ADDRESS at it
and run this from cron or a systemd timer every few minutes."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from campaigns.services import inbound_process


class Command(BaseCommand):
    help = "Process returned campaign mail (bounces, replies): a Maildir or .eml files."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+")

    def _files(self, paths):
        for raw in paths:
            path = Path(raw)
            if (path / "new").is_dir():
                (path / "cur").mkdir(exist_ok=True)
                for item in sorted((path / "new").iterdir()):
                    yield item, path / "cur" / item.name
            elif path.is_file():
                yield path, None
            else:
                raise CommandError(f"{path}: neither a Maildir nor a file")

    def handle(self, *args, paths, **options):
        counts: dict[str, int] = {}
        for item, done_path in self._files(paths):
            result = inbound_process(item.read_bytes())
            counts[result.kind] = counts.get(result.kind, 0) + 1
            if done_path is not None:
                item.rename(done_path)
        summary = ", ".join(f"{kind}: {n}" for kind, n in sorted(counts.items()))
        self.stdout.write(summary or "nothing to read")
