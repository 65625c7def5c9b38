"""The devstack's reading of the templates (the root and its nested domain stacks): routes,
mappings, schedules, environments and intrinsics."""

import pytest

from vitae_devstack.template import Route, Stack, rate_seconds


class Recorder:
    """Stands in for AWS: names every resource it is asked to create."""

    def __init__(self):
        self.created = []

    def create(self, stack, logical_id, resource):
        self.created.append(logical_id)
        return {"Ref": f"ref-{logical_id}", "Arn": f"arn-{logical_id}", "QueueName": f"name-{logical_id}"}


def test_routes_come_from_the_nested_stacks_routes_and_the_roots_authorizer():
    stack = Stack.root({})
    routes = {r.route_key: r for r in stack.routes()}
    assert routes["GET /v1/health"] == Route("GET", "/v1/health", "HealthFunction", None)
    assert routes["GET /v1/auth/me"].authorizer == "AuthorizerFunction"
    # Two routes may share one integration (seed [U]'s alias of the external-id lookup).
    assert routes["GET /v1/users/by-keycloak/{keycloakId}"].function == "GetUserByExternalIdFunction"
    assert stack.authorizer_cache_seconds() == 300
    assert routes["$default"] == Route("ANY", "$default", "NotFoundFunction", None)
    assert stack.routes()[-1].is_default  # tried last, after every route


def test_route_matching_extracts_path_parameters_and_prefers_literals():
    param = Route("GET", "/v1/users/{id}", "F", None)
    greedy = Route("ANY", "/v1/files/{proxy+}", "G", None)
    assert param.match("GET", "/v1/users/42") == {"id": "42"}
    assert param.match("GET", "/v1/users/42/extra") is None
    assert param.match("POST", "/v1/users/42") is None
    assert greedy.match("DELETE", "/v1/files/a/b/c") == {"proxy": "a/b/c"}
    fallback = Route("ANY", "$default", "NotFound", None)
    assert (fallback.route_key, fallback.match("GET", "/$default"), fallback.match("GET", "/v1/x")) == (
        "$default", None, None)


def test_queue_mapping_and_schedule():
    stack = Stack.root({})
    mappings = {m.function: m for m in stack.queue_mappings()}
    assert {"EventLogFunction", "AvatarUploadedFunction", "InterviewCreatedFunction", "MediaUploadedFunction",
            "NewUserFunction", "PurgeUserFilesFunction"} <= set(mappings)
    mapping = mappings["EventLogFunction"]
    assert (mapping.queue, mapping.batch_size, mapping.window_seconds) == ("EventLogQueue", 10, 1)
    schedules = {s.function: s.every_seconds for s in stack.schedules()}
    assert schedules == {"OutboxRelayFunction": 60, "ResumeStatsFlushFunction": 300,
                         "PurgeIdempotencyKeysFunction": 3600, "JobsSweepFunction": 600}


@pytest.mark.parametrize("expression, seconds", [("rate(1 minute)", 60), ("rate(5 minutes)", 300),
                                                 ("rate(2 hours)", 7200), ("rate(1 day)", 86400)])
def test_rate_expressions(expression, seconds):
    assert rate_seconds(expression) == seconds


def test_cron_schedules_are_refused_clearly():
    with pytest.raises(ValueError, match="only rate"):
        rate_seconds("cron(0 12 * * ? *)")


def test_a_nested_functions_environment_resolves_what_the_root_passes_it():
    recorder = Recorder()
    stack = Stack.root({"Stage": "dev", "SsmPrefix": "vitae/dev"}, recorder, name="vitae-dev", region="eu-west-1")
    health = stack.functions()["HealthFunction"]
    env = health.environment
    assert env["VALKEY_PREFIX"] == "dev:"
    assert env["DATABASE_URL_PARAM"] == "/vitae/dev/database-url"
    assert env["FILES_BUCKET"] == "vitae-dev-files-000000000000-eu-west-1"
    assert env["EVENT_LOG_QUEUE_URL"] == "ref-EventLogQueue"
    assert env["ALERTS_TOPIC_ARN"] == "ref-AlertsTopic"
    assert "JWT_SECRET_PARAM" not in env  # each function has only the variables its template gives it
    assert health.code_uri.parts[-3:] == ("functions", "platform", "health")
    assert {"AlertsTopic", "EventLogQueue"} <= set(recorder.created)
    platform = stack.owner("EventLogQueue")
    assert platform.name == "vitae-dev-PlatformStack"
    assert platform.resolve({"Fn::Sub": "${AWS::Region}/${EventLogQueue.Arn}"}) == "eu-west-1/arn-EventLogQueue"
    assert stack.resolve({"Fn::Sub": ["${AWS::Region}:${X}", {"X": "y"}]}) == "eu-west-1:y"
    assert stack.resolve({"Fn::Join": ["-", ["a", {"Ref": "Stage"}]]}) == "a-dev"
    assert stack.condition("HasAlertsEmail") is False
    # A bucket notification in the root names a queue of a nested stack through its outputs.
    assert stack.resolve({"Fn::GetAtt": ["CandidatesStack", "Outputs.CvUploadsQueueArn"]}) == "arn-CvUploadsQueue"


def test_function_names_are_unique_across_stacks():
    stack = Stack.root({})
    child = stack.child("UsersStack")
    child.resources["AuthMeFunction"] = stack.owner("AuthMeFunction").resources["AuthMeFunction"]
    with pytest.raises(ValueError, match="AuthMeFunction"):
        stack.functions()


def test_a_variable_meaning_two_things_is_refused_in_the_local_environment():
    from vitae_devstack.stack import Devstack

    devstack = Devstack(stage="t", overrides={})
    devstack.environments = {"A": {"STAGE": "t"}, "B": {"STAGE": "other"}}
    with pytest.raises(ValueError, match="STAGE"):
        devstack.local_environment()


def test_a_route_whose_function_api_gateway_may_not_invoke_answers_500_as_in_aws():
    from werkzeug.test import Client

    from vitae_devstack.gateway import Gateway

    stack = Stack.root({})
    users = stack.child("UsersStack")
    del users.resources["GetUserInvoke"]
    route = next(r for r in stack.routes() if r.route_key == "GET /v1/users/{id}")
    assert route.invokable is False
    assert all(r.invokable for r in stack.routes() if r.route_key != route.route_key)

    class NoRuntime:
        def invoke(self, name, event):
            raise AssertionError("API Gateway could not have invoked it")

    response = Client(Gateway(NoRuntime(), [route], access_log=False)).get("/v1/users/42")  # type: ignore[arg-type]
    assert (response.status_code, response.get_json()) == (500, {"message": "Internal Server Error"})
