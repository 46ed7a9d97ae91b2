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
        teardown_databases(old_config, verbosity=0)
        teardown_test_environment()
