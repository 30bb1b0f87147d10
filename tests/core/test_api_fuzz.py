"""X-6, X-8 (security finding 5): schemathesis generates requests for every operation of the API schema and sends
them, as HR with a token, to the application in this process: no answer is a server error, every answer matches
the schema and its status code is documented; input the schema forbids is refused. (Input the schema allows may
still be refused by a business rule — an unknown id, a wrong password, a date in the past — so schemathesis's
"valid input accepted" check is left out.) A fixed seed and a bounded number of examples keep the run short
and the same on every machine (FUZZ_EXAMPLES raises the bound for a deeper run)."""

from __future__ import annotations

import json
import os
from contextlib import contextmanager

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, settings
from schemathesis.specs.openapi.checks import positive_data_acceptance

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "8"))


@pytest.fixture
def api_schema(demo):
    from drf_spectacular.generators import SchemaGenerator
    from drf_spectacular.renderers import OpenApiJsonRenderer

    raw = json.loads(OpenApiJsonRenderer().render(SchemaGenerator().get_schema(request=None, public=True)))
    schema = schemathesis.openapi.from_dict(raw)
    schema.app = get_wsgi_application()
    return schema


@contextmanager
def connection_kept():
    """As Django's test client does: the requests run inside the test's transaction, so the end of a request must
    not close the database connection (on PostgreSQL that would end the transaction under the test)."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.fixture
def hr_token(demo):
    from rest_framework.test import APIClient

    answer = APIClient().post("/api/auth/token/", {"username": "hr", "password": "outsourcing-demo"}, format="json")
    return answer.json()["token"]


schema = schemathesis.pytest.from_fixture("api_schema")


@pytest.mark.django_db
@schema.parametrize()
@settings(max_examples=EXAMPLES, derandomize=True, deadline=None, database=None,
          phases=[Phase.explicit, Phase.generate], suppress_health_check=list(HealthCheck))  # fmt: skip
def test_the_api_holds_for_generated_requests(case, hr_token):
    """X-6, X-8: no 5xx, responses conform to the schema, status codes are documented."""
    with connection_kept():
        case.call_and_validate(
            headers={"Authorization": f"Token {hr_token}"}, excluded_checks=[positive_data_acceptance]
        )
