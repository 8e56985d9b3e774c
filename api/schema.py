from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ServiceTokenScheme(OpenApiAuthenticationExtension):
    """The service token in the schema: `Authorization: Bearer tfi_…` (loaded by ApiConfig.ready)."""

    target_class = "api.authentication.ServiceTokenAuthentication"
    name = "serviceToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "A service token made by the administrator."}
