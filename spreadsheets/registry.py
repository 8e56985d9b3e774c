"""The importers, by the slug of their URL."""

from django.http import Http404
from django.utils.module_loading import import_string

IMPORTERS = {
    "aktoerer": "atlas.spreadsheet.ActorImporter",
}


def get_importer(slug: str):
    try:
        return import_string(IMPORTERS[slug])()
    except KeyError as exc:
        raise Http404(slug) from exc
