"""The importers, by the slug of their URL."""

from django.http import Http404
from django.utils.module_loading import import_string

IMPORTERS = {
    "rekvireringer": "cases.spreadsheet.RequisitionImporter",
    "raadgivninger": "cases.spreadsheet.AdvisoryImporter",
    "arrangementer": "cases.spreadsheet.EventImporter",
    "projektbesoeg": "projects.spreadsheet.ProjectVisitImporter",
    "aktoerer": "atlas.spreadsheet.ActorImporter",
}


def importer_for(model):
    """The importer of a model's registrations, or None."""
    for path in IMPORTERS.values():
        importer = import_string(path)
        if importer.model is model:
            return importer
    return None


def get_importer(slug: str):
    try:
        return import_string(IMPORTERS[slug])()
    except KeyError as exc:
        raise Http404(slug) from exc
