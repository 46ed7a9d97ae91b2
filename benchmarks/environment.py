"""A throwaway database for benchmarks, created and dropped around the run."""

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

    # Never share the test suite's database name: both may run at once.
    if connection.vendor == "sqlite":
        connection.settings_dict["TEST"]["NAME"] = str(
            Path(connection.settings_dict["TEST"]["NAME"]).with_name(
                "bench-hub.sqlite3"
            )
        )
    else:
        connection.settings_dict.setdefault("TEST", {})["NAME"] = "hub_bench"
    setup_test_environment(debug=False)
    # No serialization: benchmarks never roll back to a snapshot of the database.
    old_config = setup_databases(
        verbosity=0, interactive=False, serialized_aliases=set()
    )
    try:
        yield
    finally:
        _close_other_sessions(connection)
        teardown_databases(old_config, verbosity=0)
        teardown_test_environment()


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
