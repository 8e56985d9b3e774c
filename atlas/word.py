"""The printable atlas of one area as a Word document: the schematic map and the actors by type with
their contacts, the same actors and order as the area's print page.

It is written with the register's Word writer (documents/docx.py: A4, margins, the "Side X af Y"
footer), and every text a user typed goes through its `clean()`. Like the report, its own words follow
the active language; what users typed (names, addresses, activities) stays as typed.
"""

import io

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from docx.shared import Cm, Pt, RGBColor

from core.models import Area
from documents.docx import DocumentWriter, clean

from .mapimage import KIND_STYLE, area_map_png, listed_in_order, map_alt
from .models import Actor, ActorKind
from .selectors import actors_by_kind, area_actors

MAP_WIDTH = Cm(16)  # the text width between the 2.5 cm margins


def _long_date(value) -> str:
    """25. november 2026 (Danish), 25 November 2026 (English)."""
    return date_format(value, "DATE_FORMAT")


class _AtlasWriter(DocumentWriter):
    def __init__(self, area: Area, actors: list[Actor]):
        super().__init__(_("TFI-atlas: %(area)s") % {"area": area.name}, _("TFI-atlas"))
        self.area = area
        self.groups = actors_by_kind(actors)
        self.in_order, self.numbers = listed_in_order(self.groups)

    def write(self) -> bytes:
        self.doc.add_heading(clean(_("TFI-atlas: %(area)s") % {"area": self.area.name}), level=0)
        if clean(self.area.district).strip():
            self.paragraph(self.area.district)
        self.paragraph(_("Udskrevet %(date)s") % {"date": _long_date(timezone.localdate())}).runs[0].italic = True
        self.map()
        if not self.groups:
            self.paragraph(_("Der er ikke registreret aktører i området."))
        for group in self.groups:
            self.heading(group["label"])
            for actor in group["actors"]:
                self.actor(actor)
        self.needing_position()
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()

    def map(self) -> None:
        png = area_map_png(self.area, self.in_order)
        if png is None:
            self.paragraph(_("Der er ikke noget kort over området: området har ingen afgrænsning, "
                             "og ingen af dets aktører har en position."))
            return
        picture = self.doc.add_picture(io.BytesIO(png), width=MAP_WIDTH)
        # The map's alt text, for a screen reader: python-docx has no public API for it (an InlineShape's
        # wp:docPr "descr" is where Word keeps it), so it is set on the drawing's XML element.
        picture._inline.docPr.set("descr", clean(map_alt(self.area, numbered=bool(self.numbers))))
        if self.numbers:
            caption = self.paragraph(_("Tallene på kortet henviser til aktørerne nedenfor."))
            caption.runs[0].italic = True
            caption.runs[0].font.size = Pt(9)

    def actor(self, actor: Actor) -> None:
        paragraph = self.paragraph()
        paragraph.paragraph_format.space_after = Pt(8)
        paragraph.paragraph_format.keep_together = True
        number = self.numbers.get(actor.pk)
        if number is not None:
            marker = self.run(paragraph, f"({number}) ", bold=True)
            colour = KIND_STYLE.get(actor.kind, KIND_STYLE[ActorKind.OTHER])[0]
            marker.font.color.rgb = RGBColor.from_string(colour.lstrip("#"))
        self.run(paragraph, actor.name, bold=True)
        lines = []
        if not actor.is_active:
            lines.append((_("Ikke aktiv"), True))
        lines += [(line, False) for line in self._lines(actor.address)]
        contact = [clean(actor.contact_name).strip(),
                   _("tlf. %(phone)s") % {"phone": clean(actor.contact_phone).strip()}
                   if clean(actor.contact_phone).strip() else "",
                   clean(actor.contact_email).strip()]
        if any(contact):
            lines.append((_("Kontakt: %(contact)s") % {"contact": ", ".join(part for part in contact if part)},
                          False))
        if clean(actor.website).strip():
            lines.append((_("Hjemmeside: %(url)s") % {"url": clean(actor.website).strip()}, False))
        lines += self._labelled(_("Målgrupper"), actor.target_groups)
        lines += self._labelled(_("Aktiviteter"), actor.activities)
        others = [area.name for area in actor.areas.all() if area.pk != self.area.pk]  # prefetched
        if others:
            lines.append((_("Også i: %(areas)s") % {"areas": ", ".join(clean(name) for name in others)}, False))
        if actor.last_checked:
            lines.append((_("Senest kontrolleret: %(date)s") % {"date": _long_date(actor.last_checked)}, False))
        for text, italic in lines:
            self.line_break(paragraph)
            self.run(paragraph, text, italic=italic)

    @staticmethod
    def _lines(text) -> list[str]:
        return [line.strip() for line in clean(text).split("\n") if line.strip()]

    def _labelled(self, label: str, text) -> list[tuple[str, bool]]:
        lines = self._lines(text)
        if not lines:
            return []
        return [(f"{label}: {lines[0]}", False)] + [(line, False) for line in lines[1:]]

    def needing_position(self) -> None:
        needing = [actor for actor in self.in_order if actor.needs_position]
        if not needing:
            return
        self.heading(_("Mangler position"))
        self.paragraph(_("Disse aktører har en adresse, men ingen position, og er derfor ikke med på kortet:"))
        for actor in needing:
            paragraph = self.bullet()
            self.run(paragraph, actor.name, bold=True)
            self.run(paragraph, " – " + ", ".join(self._lines(actor.address)))


def area_atlas_docx(area: Area) -> bytes:
    """The atlas of one area (map, then the actors by type with their contacts) as the bytes of a .docx
    file, in the active language. Two queries whatever the number of actors: the actors and their areas."""
    actors = list(area_actors(area))
    return _AtlasWriter(area, actors).write()
