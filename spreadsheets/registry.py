"""The importers, by the slug of their URL. Each app registers its own when it starts (AppConfig.ready),
so that this machinery need not know the registers above it."""

from django.http import Http404

_importers: dict[str, type] = {}


def register(*importers: type) -> None:
    for importer in importers:
        _importers[importer.slug] = importer


def importers() -> list[type]:
    """Every registered importer."""
    return list(_importers.values())


def importer_for(model):
    """The importer of a model's registrations, or None."""
    return next((importer for importer in _importers.values() if importer.model is model), None)


def get_importer(slug: str):
    try:
        return _importers[slug]()
    except KeyError as exc:
        raise Http404(slug) from exc
