"""All API routers, in the order they appear in the OpenAPI docs."""

from policykg.api.routes import health

ROUTERS = [health.router]
