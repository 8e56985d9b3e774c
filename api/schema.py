from drf_spectacular.extensions import OpenApiAuthenticationExtension
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field

from core.choice_fields import CachedModelChoiceFilter
from core.filters import ConsultantChoiceFilter

# The site lists' filters of reference data and consultants take an id: so the schema says (the lists' own
# code knows nothing of the API).
for filter_class in (CachedModelChoiceFilter, ConsultantChoiceFilter):
    extend_schema_field(OpenApiTypes.INT)(filter_class)


class ServiceTokenScheme(OpenApiAuthenticationExtension):
    """The service token in the schema: `Authorization: Bearer tfi_…` (loaded by ApiConfig.ready)."""

    target_class = "api.authentication.ServiceTokenAuthentication"
    name = "serviceToken"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "A service token made by the administrator."}
