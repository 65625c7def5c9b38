"""Rules of the users domain that need no services: formatting, validation, aliases."""

import pytest
from pydantic import ValidationError

from vitae.users.models import CreateUser, ProfilePatch, UpdateUser
from vitae.users.service import format_bytes


@pytest.mark.parametrize("size, text", [(0, "0 B"), (512, "512 B"), (1024, "1 KB"), (1536, "1.5 KB"),
                                        (5 * 1024 ** 2, "5 MB"), (1610612736, "1.5 GB"), (5 * 1024 ** 3, "5 GB"),
                                        (3 * 1024 ** 4, "3 TB"), (2048 * 1024 ** 4, "2048 TB")])
def test_storage_is_formatted_in_the_largest_fitting_unit(size, text):
    assert format_bytes(size) == text


def test_keycloak_id_is_an_alias_of_external_id():
    user = CreateUser.model_validate({"keycloakId": "kc-1", "email": "a@example.com", "profile": {"fullName": "Ab"}})
    assert user.external_id == "kc-1"
    assert CreateUser.model_validate({"externalId": "kc-2", "email": "a@example.com",
                                      "profile": {"fullName": "Ab"}}).external_id == "kc-2"


@pytest.mark.parametrize("profile", [{"fullName": "A"}, {"fullName": "x" * 101},
                                     {"fullName": "Ab", "companyName": "c" * 101},
                                     {"fullName": "Ab", "phone": "call me maybe"}, {"fullName": "Ab", "unknown": 1}])
def test_profile_rules_of_seed_u(profile):
    with pytest.raises(ValidationError):
        CreateUser.model_validate({"email": "a@example.com", "profile": profile})


def test_usernames_are_normalised_and_constrained():
    assert UpdateUser.model_validate({"username": " Ada.L "}).username == "ada.l"
    for bad in ("ab", "-ada", "ada lovelace", "x" * 31):
        with pytest.raises(ValidationError):
            UpdateUser.model_validate({"username": bad})


def test_patch_knows_which_fields_were_sent():
    patch = ProfilePatch.model_validate({"companyName": None, "bio": "hi"})
    assert patch.model_dump(exclude_unset=True) == {"company_name": None, "bio": "hi"}
