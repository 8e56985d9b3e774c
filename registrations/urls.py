"""The URLs of a registration's pages, the same for every kind."""

from django.urls import path


def crud(prefix: str, model, module) -> list:
    """The five pages of a model: list, create, detail, edit and delete, e.g. `EventListView` at
    `arrangementer/` named `event_list`; and the list's Excel export at `arrangementer/excel/`
    (`event_export`) where the module has an `EventExportView`."""
    name = model._meta.model_name
    views = {suffix: getattr(module, f"{model.__name__}{suffix}View")
             for suffix in ("List", "Create", "Detail", "Update", "Delete")}
    export = getattr(module, f"{model.__name__}ExportView", None)
    return [
        *([path(f"{prefix}/excel/", export.as_view(), name=f"{name}_export")] if export else []),
        path(f"{prefix}/", views["List"].as_view(), name=f"{name}_list"),
        path(f"{prefix}/ny/", views["Create"].as_view(), name=f"{name}_create"),
        path(f"{prefix}/<int:pk>/", views["Detail"].as_view(), name=f"{name}_detail"),
        path(f"{prefix}/<int:pk>/rediger/", views["Update"].as_view(), name=f"{name}_update"),
        path(f"{prefix}/<int:pk>/slet/", views["Delete"].as_view(), name=f"{name}_delete"),
    ]
