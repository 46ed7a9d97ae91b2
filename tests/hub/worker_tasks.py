"""Tasks for the real-worker tests (on the tests' `database` queue)."""

from hub.background import background_task, progress


@background_task(backend="database", label="test: write an audit entry")
def record(context, text: str) -> dict:
    from hub.services import audit_log

    progress(context, 1, 2, "halfway")
    audit_log(actor=None, action="test.worker", changes={"text": text})
    progress(context, 2, 2, "done")
    return {"written": text}


@background_task(backend="database", label="test: fail")
def explode(context) -> None:
    raise RuntimeError("the mail server is on fire")
