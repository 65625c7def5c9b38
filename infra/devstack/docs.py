"""Interactive API docs at /docs: Swagger UI reading `GET /v1/openapi.json`, its files served from the
swagger-ui-py package (Swagger UI 5, which reads OpenAPI 3.1), never from a CDN.

Not an API route (DESIGN 3 and 4): the devstack serves it beside the gateway; in AWS the document is
at /v1/openapi.json and any OpenAPI viewer reads it.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Any

from werkzeug.middleware.shared_data import SharedDataMiddleware
from werkzeug.wrappers import Request, Response

PREFIX = "/docs"
ASSETS = f"{PREFIX}/assets"
# validatorUrl null: Swagger UI would otherwise send the document to validator.swagger.io.
PAGE = f"""<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Vitae API</title>
  <link rel="stylesheet" href="{ASSETS}/swagger-ui.css">
  <link rel="icon" type="image/png" href="{ASSETS}/favicon-32x32.png" sizes="32x32">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="{ASSETS}/swagger-ui-bundle.js"></script>
  <script src="{ASSETS}/swagger-ui-standalone-preset.js"></script>
  <script>
    window.onload = () => {{
      window.ui = SwaggerUIBundle({{
        url: "/v1/openapi.json",
        dom_id: "#swagger-ui",
        deepLinking: true,
        persistAuthorization: true,
        validatorUrl: null,
        presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
        layout: "StandaloneLayout",
      }});
    }};
  </script>
</body>
</html>
"""


def with_docs(app: Any) -> Any:
    """`app` (the gateway, a WSGI application) with the docs page at /docs and Swagger UI's files
    under /docs/assets/ in front of it; every other request goes to `app`."""

    def serve(environ: dict[str, Any], start_response: Any) -> Any:
        if Request(environ).path in (PREFIX, f"{PREFIX}/"):
            return Response(PAGE, content_type="text/html; charset=utf-8")(environ, start_response)
        return app(environ, start_response)

    return SharedDataMiddleware(serve, {ASSETS: str(files("swagger_ui") / "static")})
