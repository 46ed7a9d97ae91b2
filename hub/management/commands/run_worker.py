"""`manage.py run_worker`: the hub's background worker (run it beside Daphne).

django-tasks-db's worker on the `background` backend, plus a scheduler thread
that enqueues the daily jobs at DAILY_JOBS_AT and fails tasks whose worker died
(see hub/scheduler.py). Run as many as you like: the daily run is claimed once.
"""

import threading

from django_tasks_db.management.commands.db_worker import Command as DbWorkerCommand

from hub.background import BACKGROUND
from hub.scheduler import scheduler_tick

TICK_SECONDS = 30


class Command(DbWorkerCommand):
    help = (
        "Run background tasks (imports, reindexing, mail, digests) and schedule the "
        "daily jobs. Stop with Ctrl-C: the running task finishes first."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.set_defaults(backend_name=BACKGROUND, queue_name="*", reload=False)
        parser.add_argument(
            "--no-scheduler",
            action="store_false",
            dest="scheduler",
            help="Only run tasks; another process schedules the daily jobs.",
        )

    def handle(self, *args, scheduler=True, **options):
        if scheduler and not options.get("batch"):
            stop = threading.Event()
            thread = threading.Thread(
                target=_schedule, args=(stop,), name="hub-scheduler", daemon=True
            )
            thread.start()
        super().handle(*args, **options)


def _schedule(stop: threading.Event) -> None:
    while not stop.is_set():
        scheduler_tick()
        stop.wait(TICK_SECONDS)
