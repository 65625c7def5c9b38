"""The fuzz tier: schemathesis against the running devstack, as a real user with data of their own.

`owner` registers that user and gives them a resume (public, the default, with every section type),
share links, attachments, an avatar, a candidate profile with entries of every kind and CV
documents, requirements, resume texts, processings and applications (one to a catalogue job), and
(written by a service) catalogue jobs: the owner may read and search them, not change them; and names
the real path parameters of each operation, so that generated requests also reach real records (see
`real_path_parameters`)."""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass, field

import pytest

from tests.documents import PNG
from tests.e2e.conftest import Api

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
SECTIONS = [
    {"type": "summary", "items": [{"text": "Backend engineer."}]},
    {"type": "experience", "items": [{"company": "Acme", "position": "Engineer", "startDate": "2019-02",
                                      "highlights": ["Shipped the API"]}]},
    {"type": "education", "items": [{"institution": "MIT", "studyType": "BSc", "startDate": "2014"}]},
    {"type": "skills", "items": [{"name": "Python", "keywords": ["asyncio"]}]},
    {"type": "projects", "items": [{"name": "Vitae", "url": "https://example.com"}]},
    {"type": "certifications", "items": [{"name": "AWS SAA", "date": "2021-05"}]},
    {"type": "languages", "items": [{"language": "English", "fluency": "Native"}]},
    {"type": "custom", "title": "Hidden", "visible": False, "items": [{"text": "Not for everyone"}]},
]
ENTRIES = {  # path segment -> a body for POST /v1/candidates/{id}/<segment> (a second one is deleted)
    "education": lambda n: {"degree": f"BSc {n}", "university": "MIT", "startYear": 2014},
    "work-experience": lambda n: {"companyName": f"Acme {n}", "jobTitle": "Engineer", "startDate": "2019-02"},
    "skills": lambda n: {"skillName": f"Python {n}"},
    "certifications": lambda n: {"title": f"AWS SAA {n}", "issueDate": "2021-05"},
}


@dataclass
class Owner:
    """The fuzzing user: their token and, per (method, path template), real path parameters."""

    token: str
    user_id: str
    real: dict[tuple[str, str], dict[str, str]] = field(default_factory=dict)

    def real_path_parameters(self, method: str, path: str) -> dict[str, str] | None:
        """Real values for the operation's path parameters: the kept records for reads and
        changes, records made to be deleted for DELETE; None where there are none."""
        for key in ((method.upper(), path), ("*", path)):
            if key in self.real:
                return self.real[key] or None
        return None


def _ok(response, status: int = 201) -> dict:
    assert response.status_code == status, response.text
    return response.json() if response.content else {}


OWNER: list[Owner] = []  # the module's owner, for schemathesis' hooks (they take no fixtures)
TALLY: dict[str, int] = {}  # operation -> examples sent


@pytest.fixture(scope="module")
def owner(gateway_url) -> Owner:
    from vitae.platform.auth import Role
    from vitae.platform.tokens import issue_access_token

    service = Api(gateway_url, issue_access_token(str(uuid.uuid4()), None, Role.SERVICE))
    username, external_id = f"fuzz{uuid.uuid4().hex[:10]}", f"kc-{uuid.uuid4()}"
    email = f"{username}@example.com"
    user = _ok(service.post("/v1/users", json={"email": email, "keycloakId": external_id, "username": username,
                                                "profile": {"fullName": "Fuzz Owner"}}))
    bearer = issue_access_token(user["id"], email, Role.USER, 3600)
    api = Api(gateway_url, bearer)

    resume = _ok(api.post("/v1/resumes", json={"title": "Main", "isPublic": True, "sections": SECTIONS}))
    doomed_resume = _ok(api.post("/v1/resumes", json={"title": "To delete"}))
    share = _ok(api.post(f"/v1/resumes/{resume['id']}/shares", json={}))
    doomed_share = _ok(api.post(f"/v1/resumes/{resume['id']}/shares", json={"password": "open sesame"}))
    attachments = [_ok(api.post(f"/v1/resumes/{resume['id']}/attachments",
                                files={"file": (f"photo{n}.png", io.BytesIO(PNG), "image/png")})) for n in range(2)]
    _ok(api.post(f"/v1/users/{user['id']}/avatar", files={"file": ("me.png", io.BytesIO(PNG), "image/png")}))
    _ok(api.post("/v1/user-preferences", json={"theme": "dark"}), 200)

    candidate = _ok(api.post("/v1/candidates", json={"firstName": "Fuzz", "lastName": "Owner", "headline": "Dev"}))
    entries = {segment: [_ok(api.post(f"/v1/candidates/{candidate['id']}/{segment}", json=body(n))) for n in range(2)]
               for segment, body in ENTRIES.items()}
    documents = [_ok(api.post(f"/v1/candidates/{candidate['id']}/cv/upload-url",
                              json={"filename": f"cv{n}.docx", "contentType": DOCX}), 202) for n in range(2)]

    texts = {segment: [_ok(api.post(f"/v1/matching/{segment}", json={"title": f"Text {n}",
                                                                      "text": "Python and PostgreSQL"}))
                       for n in range(2)] for segment in ("requirements", "resume-texts")}
    processings = [_ok(api.post("/v1/matching/processings", json={
        "requirementsId": texts["requirements"][0]["id"], "resumeTextId": texts["resume-texts"][0]["id"]}), 202)
        for _ in range(2)]

    jobs = [_ok(service.post("/v1/jobs", json={"title": f"Fuzz Engineer {n}", "company": "Fuzz Corp",
                                               "skills": ["C#", "Python"], "source": "fuzz",
                                               "externalId": str(uuid.uuid4())})) for n in range(2)]
    applications = [_ok(api.post("/v1/applications", json={**job, "resumeId": resume["id"], "notes": "fuzz"}))
                    for job in ({"jobId": jobs[0]["id"]}, {"job": {"title": "Engineer", "company": "Acme"}})]

    found = Owner(bearer, user["id"])
    for suffix in ("", "/profile", "/avatar", "/avatar/upload-url", "/stats", "/stats/increment-interviews"):
        found.real[("*", f"/v1/users/{{id}}{suffix}")] = {"id": user["id"]}
    # Deleting the owner would end the run's identity halfway: DELETE /v1/users/{id} gets generated ids only.
    found.real[("DELETE", "/v1/users/{id}")] = {}
    found.real[("*", "/v1/users/by-external-id/{externalId}")] = {"externalId": external_id}
    found.real[("*", "/v1/users/by-keycloak/{keycloakId}")] = {"keycloakId": external_id}
    found.real[("*", "/v1/public/resumes/{username}")] = {"username": username}
    found.real[("*", "/v1/public/shares/{token}")] = {"token": share["token"]}
    found.real[("*", "/v1/auth/oauth/{provider}")] = {"provider": "github"}
    found.real[("*", "/v1/auth/oauth/{provider}/callback")] = {"provider": "github"}
    for path in ("/v1/resumes/{id}", "/v1/resumes/{id}/default", "/v1/resumes/{id}/copy", "/v1/resumes/{id}/export",
                 "/v1/resumes/{id}/sections/order", "/v1/resumes/{id}/sections/visibility",
                 "/v1/resumes/{id}/attachments", "/v1/resumes/{id}/attachments/upload-url",
                 "/v1/resumes/{id}/shares", "/v1/resumes/{id}/statistics"):
        found.real[("*", path)] = {"id": resume["id"]}
    found.real[("DELETE", "/v1/resumes/{id}")] = {"id": doomed_resume["id"]}
    found.real[("*", "/v1/resumes/{id}/attachments/{aid}")] = {"id": resume["id"], "aid": attachments[0]["id"]}
    found.real[("DELETE", "/v1/resumes/{id}/attachments/{aid}")] = {"id": resume["id"], "aid": attachments[1]["id"]}
    found.real[("DELETE", "/v1/resumes/{id}/shares/{shareId}")] = {"id": resume["id"], "shareId": doomed_share["id"]}
    for path in ("/v1/candidates/{id}", "/v1/candidates/{id}/personal", "/v1/candidates/{id}/audit",
                 "/v1/candidates/{id}/cv", "/v1/candidates/{id}/cv/upload-url",
                 *(f"/v1/candidates/{{id}}/{segment}" for segment in ENTRIES)):
        found.real[("*", path)] = {"id": candidate["id"]}
    for segment, (kept, doomed) in entries.items():
        found.real[("*", f"/v1/{segment}/{{id}}")] = {"id": kept["id"]}
        found.real[("DELETE", f"/v1/{segment}/{{id}}")] = {"id": doomed["id"]}
    found.real[("*", "/v1/cv-documents/{id}")] = {"id": documents[0]["documentId"]}
    found.real[("DELETE", "/v1/cv-documents/{id}")] = {"id": documents[1]["documentId"]}
    for segment, (kept, doomed) in texts.items():
        found.real[("*", f"/v1/matching/{segment}/{{id}}")] = {"id": kept["id"]}
        found.real[("DELETE", f"/v1/matching/{segment}/{{id}}")] = {"id": doomed["id"]}
    found.real[("*", "/v1/matching/processings/{id}")] = {"id": processings[0]["id"]}
    found.real[("DELETE", "/v1/matching/processings/{id}")] = {"id": processings[1]["id"]}
    found.real[("*", "/v1/jobs/{id}")] = {"id": jobs[0]["id"]}
    found.real[("DELETE", "/v1/jobs/{id}")] = {"id": jobs[1]["id"]}
    for path in ("/v1/applications/{id}", "/v1/applications/{id}/history"):
        found.real[("*", path)] = {"id": applications[0]["id"]}
    found.real[("DELETE", "/v1/applications/{id}")] = {"id": applications[1]["id"]}
    OWNER[:] = [found]
    return found


def pytest_terminal_summary(terminalreporter):
    if TALLY:
        terminalreporter.write_line(f"fuzz: {len(TALLY)} operations, {sum(TALLY.values())} examples sent")
