"""A throwaway database for benchmarks, created and dropped around the run."""

import os
from contextlib import contextmanager
from pathlib import Path


@contextmanager
def bench_environment():
    import django
    from django.test.utils import (
        setup_databases,
        setup_test_environment,
        teardown_databases,
        teardown_test_environment,
    )

    django.setup()
    from django.db import connection

    # Never share a database with the test suite or another benchmark run:
    # several may run at once (the process id is in the name).
    if connection.vendor == "sqlite":
        # A directory of its own: other suites' cleanups glob var/*.sqlite3*.
        directory = Path(connection.settings_dict["TEST"]["NAME"]).parent / "bench"
        directory.mkdir(parents=True, exist_ok=True)
        name = directory / f"bench-hub-{os.getpid()}.sqlite3"
        connection.settings_dict["TEST"]["NAME"] = str(name)
        _remove_wal_files(name)
    else:
        connection.settings_dict.setdefault("TEST", {})["NAME"] = (
            f"hub_bench_{os.getpid()}"
        )
    setup_test_environment(debug=False)
    # No serialization: benchmarks never roll back to a snapshot of the database.
    old_config = setup_databases(
        verbosity=0, interactive=False, serialized_aliases=set()
    )
    try:
        yield
    finally:
        _close_other_sessions(connection)
        try:
            teardown_databases(old_config, verbosity=0)
        except FileNotFoundError:  # SQLite file already removed: nothing to drop
            pass
        teardown_test_environment()
        if connection.vendor == "sqlite":
            _remove_wal_files(Path(connection.settings_dict["TEST"]["NAME"]))


def _remove_wal_files(name: Path) -> None:
    """Django deletes an old SQLite test database but not its WAL and shared
    memory files; a stale pair next to a new file reads as "disk I/O error"."""
    for suffix in ("-wal", "-shm"):
        name.with_name(name.name + suffix).unlink(missing_ok=True)


def _close_other_sessions(connection) -> None:
    """Database connections opened by the async benchmarks' worker threads stay
    open; PostgreSQL refuses to drop a database in use, so end them (only those
    on our own throwaway database)."""
    from django.db import connections

    connections.close_all()
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [connection.settings_dict["NAME"]],
        )
    connection.close()
