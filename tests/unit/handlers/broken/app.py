"""A test function that cannot even be imported."""

import a_module_that_does_not_exist  # noqa: F401


def handler(event, context):
    return None
