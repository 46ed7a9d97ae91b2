"""The API against its own schema, over HTTP: schemathesis loads the LIVE
document from /api/schema/ on a real Daphne server (`daphne_server`) and sends
every operation generated requests, valid and invalid, with a Sales token.

Each response must not be a 5xx, must have a status and a content type the
schema declares and a body that matches it, and a request the schema forbids
must be refused (`negative_data_rejection`). Bounded: a few dozen examples per
operation, no shrinking, so the whole run stays well under a minute.
"""

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from hub import roles
from hub.services import api_token_create
from tests.conftest import make_user

from .factories import make_lead

pytestmark = pytest.mark.django_db(transaction=True)

EXAMPLES = int(__import__("os").environ.get("API_FUZZ_EXAMPLES", 25))
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


@pytest.fixture
def world(daphne_server, transactional_db):
    """A Sales robot with a write token, and leads for it to read and change."""
    sales = make_user("robot", roles.STAFF, roles.SALES)
    staff = make_user("soudeur", roles.STAFF)
    make_lead("Clôtures Bretonnes", by=staff)
    lead = make_lead("Portails du Sud", by=sales, contact={"name": "Anne Roux"})
    _token, raw = api_token_create(user=sales, name="schemathesis")
    return {"token": raw, "lead_id": lead.pk}


@pytest.fixture
def live_schema(daphne_server, world):
    schema = schemathesis.openapi.from_url(
        f"{daphne_server}/api/schema/",
        headers={"Authorization": f"Bearer {world['token']}"},
        timeout=10,
    )
    # The token is ours; generated cookies and Authorization headers would
    # only spend examples on 401s (tests/prospecting/test_api_auth.py has them).
    schema.config.generation.update(with_security_parameters=False)
    return schema


# The Python API (`as_strategy` + Hypothesis) rather than schemathesis'
# pytest plugin, whose `from_fixture` needs pytest internals that pytest 9.2
# no longer has.
BOUNDED = settings(
    max_examples=EXAMPLES,
    deadline=None,
    database=None,
    phases=[Phase.explicit, Phase.generate],  # no shrinking: report, don't dig
    derandomize=not __import__("os").environ.get(
        "API_FUZZ_RANDOM"
    ),  # the same cases on every run: CI never flakes
    suppress_health_check=list(HealthCheck),
)


def _runs(schema, lead_id):
    """Every operation with valid and with invalid requests; those on one lead
    also on a lead that exists (random ids are nearly always a 404)."""
    for result in schema.get_all_operations():
        operation = result.ok()
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):
            yield operation, mode, {}
            # A GET of one existing lead has nothing left to make invalid.
            negative_get = mode == GenerationMode.NEGATIVE and operation.method == "get"
            if "{id}" in operation.path and not negative_get:
                yield operation, mode, {"id": lead_id}


def test_the_api_keeps_to_its_schema(live_schema, world):
    headers = {"Authorization": f"Bearer {world['token']}"}
    failures, ran = [], []
    for operation, mode, path in _runs(live_schema, world["lead_id"]):
        strategy = operation.as_strategy(generation_mode=mode, path_parameters=path)

        @BOUNDED
        @given(case=strategy)
        def exercise(case):
            case.call_and_validate(headers=headers, checks=CHECKS, timeout=10)

        try:
            exercise()
        except (Exception, BaseExceptionGroup) as error:  # noqa: BLE001 - report all
            failures.append(f"{operation.label} ({mode.value}, {path}): {error}")
        ran.append(operation.label)
    # 5 operations × valid and invalid requests, + 3 runs on an existing lead.
    assert len(ran) == 13 and len(set(ran)) == 5
    assert failures == [], "\n\n".join(failures)
