"""Every operation of the OpenAPI document, fuzzed by schemathesis against the running devstack as a
real user with data of their own: no server error, and every answer is one the document describes
(status, content type, headers, body schema).

Schemathesis' phases run per operation: the coverage phase (boundary and invalid values of every
parameter and field, deterministic) and the fuzzing phase (a bounded number of generated examples,
valid and invalid by the document). The packaged document is the one the API serves
(tests/e2e/test_api_docs.py). The terminal summary states how many operations and examples ran."""

from __future__ import annotations

import os

import schemathesis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from tests.fuzz.conftest import OWNER, TALLY
from vitae_devstack.openapi import DOCUMENT

EXAMPLES = int(os.environ.get("VITAE_FUZZ_EXAMPLES", "25"))  # per operation in the fuzzing phase
# Derandomized, so a run is repeatable; VITAE_FUZZ_RANDOM=1 (with more examples) searches further.
RANDOM = bool(os.environ.get("VITAE_FUZZ_RANDOM"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]

schema = schemathesis.openapi.from_path(DOCUMENT, config=schemathesis.Config.from_dict({
    "request-timeout": 20,
    "generation": {"mode": "all"},
    "phases": {"examples": {"enabled": False}, "stateful": {"enabled": False}},
}))


@schema.hook
def before_generate_path_parameters(context, strategy):
    """Half the generated cases reach the owner's real records instead of ids that never existed."""
    real = OWNER[0].real_path_parameters(context.operation.method, context.operation.path)
    return strategy if real is None else st.one_of(st.just(real), strategy)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=not RANDOM, database=None,
          suppress_health_check=list(HealthCheck))
def test_every_answer_is_documented_and_none_is_a_server_error(case, gateway_url, owner):
    TALLY[case.operation.label] = TALLY.get(case.operation.label, 0) + 1
    case.call_and_validate(base_url=gateway_url, headers={"Authorization": f"Bearer {owner.token}"}, checks=CHECKS)
