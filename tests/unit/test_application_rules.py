"""The applications status machine and its refusals, without services."""

import pytest

from vitae.applications.models import ApplicationIn, ApplicationPatch
from vitae.applications.service import FINAL, STATUSES, TRANSITIONS, IllegalTransition, allowed_next


def test_the_machine_moves_forward_one_step_and_ends_from_any_open_state():
    assert allowed_next("saved") == ["applied", "rejected", "withdrawn"]
    assert allowed_next("applied") == ["screening", "rejected", "withdrawn"]
    assert allowed_next("screening") == ["interviewing", "rejected", "withdrawn"]
    assert allowed_next("interviewing") == ["offer", "rejected", "withdrawn"]
    assert allowed_next("offer") == ["accepted", "rejected", "withdrawn"]
    for status in ("accepted", "rejected", "withdrawn"):
        assert allowed_next(status) == [] and status in FINAL
    assert set(TRANSITIONS) == set(STATUSES)


def test_a_refused_transition_lists_the_allowed_ones():
    error = IllegalTransition("applied", "offer")
    assert error.code == "illegal_status_transition"
    assert error.message == ("An application cannot go from applied to offer: allowed next statuses are "
                             "screening, rejected, withdrawn")
    assert error.details[0]["allowedStatuses"] == ["screening", "rejected", "withdrawn"]
    assert "none (withdrawn is final)" in IllegalTransition("withdrawn", "applied").message


@pytest.mark.parametrize("body", [{}, {"jobId": "5b7d9f1a-3c5e-4f7a-9b1d-3f5a7c9e1b3d",
                                       "job": {"title": "A", "company": "B"}}])
def test_exactly_one_job_is_required(body):
    with pytest.raises(ValueError, match="exactly one of jobId or job"):
        ApplicationIn.model_validate(body)


def test_a_patch_changes_something_and_never_nulls_the_status():
    with pytest.raises(ValueError, match="at least one"):
        ApplicationPatch.model_validate({"note": "only a note"})
    with pytest.raises(ValueError, match="status cannot be null"):
        ApplicationPatch.model_validate({"status": None})
    assert ApplicationPatch.model_validate({"resumeId": None}).model_fields_set == {"resume_id"}
