"""The annual status report as a Word document, in the shape of the 2008 report.

It reads only the plain data of `reports.selectors.status_report` (or an approved snapshot of it), so
the document says exactly what the page says. Texts typed by users go in as text: python-docx escapes
them, and characters XML cannot hold at all are dropped first. The document's own words (headings,
sentences around the figures) are in the active language, like the page; typed texts stay as typed.
"""

import io
from decimal import Decimal, InvalidOperation

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext, pgettext_lazy
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.shared import Cm, Pt

from documents.docx import DocumentWriter, clean, word_language
from reports.wording import names_joined, percent, survey_returns

_NUMBER_WORDS = [pgettext_lazy("talord", "nul"), pgettext_lazy("talord", "en"), pgettext_lazy("talord", "to"),
                 pgettext_lazy("talord", "tre"), pgettext_lazy("talord", "fire"), pgettext_lazy("talord", "fem"),
                 pgettext_lazy("talord", "seks"), pgettext_lazy("talord", "syv"), pgettext_lazy("talord", "otte"),
                 pgettext_lazy("talord", "ni"), pgettext_lazy("talord", "ti")]


def _fte(value) -> str:
    """FTE such as "3.5" in the language's format: "3,5" in Danish."""
    text = clean(value)
    try:
        return formats.number_format(Decimal(text), use_l10n=True) if text else ""
    except InvalidOperation:
        return text


def _number_word(count: int) -> str:
    return str(_NUMBER_WORDS[count]) if 0 <= count < len(_NUMBER_WORDS) else str(count)


class StatusReportWriter(DocumentWriter):
    """The status report, section by section."""

    def __init__(self, report: dict):
        super().__init__(report.get("title") or "", _("Statusrapport"))
        self.report = report
        self.year = report.get("year", "")

    # --- Sections ----------------------------------------------------------------------------------

    def write(self) -> bytes:
        report = self.report
        self.doc.add_heading(clean(report.get("title")), level=0)
        self.introduction()
        self.conclusions()
        self.purpose()
        self.target_groups()
        self.challenge_table()
        for challenge in report.get("challenges") or []:
            self.challenge(challenge)
        self.other_steering_groups()
        self.satisfaction()
        buffer = io.BytesIO()
        self.doc.save(buffer)
        return buffer.getvalue()

    def introduction(self) -> None:
        headline = self.report.get("headline") or {}
        self.heading(_("Indledning"))
        # As on the report page: the year's written introduction (its figures come from placeholders),
        # or, where none is written yet, a sentence with the headline figures.
        if (self.report.get("introduction") or "").strip():
            self.text(self.report["introduction"])
        else:
            self.paragraph(self.headline_sentence(headline))

    def headline_sentence(self, headline: dict) -> str:
        requisitions, advisories = headline.get("requisitions", 0), headline.get("advisories", 0)
        visits, events = headline.get("project_visits", 0), headline.get("events", 0)
        participants = headline.get("participants", 0)
        sentence = _("I %(year)s har TFI haft %(requisitions)s, %(advisories)s, besøgt %(visits)s og holdt "
                     "%(events)s med i alt %(participants)s.") % {
            "year": self.year,
            "requisitions": ngettext("%(count)s rekvireringsopgave", "%(count)s rekvireringsopgaver",
                                     requisitions) % {"count": requisitions},
            "advisories": ngettext("%(count)s rådgivning", "%(count)s rådgivninger", advisories) % {
                "count": advisories},
            "visits": ngettext("%(count)s integrationsprojekt", "%(count)s integrationsprojekter", visits) % {
                "count": visits},
            "events": ngettext("%(count)s arrangement", "%(count)s arrangementer", events) % {"count": events},
            "participants": ngettext("%(count)s deltager", "%(count)s deltagere", participants) % {
                "count": participants},
        }
        expected = headline.get("participants_expected") or 0
        if expected:
            sentence += " " + ngettext(
                "Derudover forventes %(count)s deltager ved arrangementer, der endnu ikke er afholdt.",
                "Derudover forventes %(count)s deltagere ved arrangementer, der endnu ikke er afholdt.",
                expected) % {"count": expected}
        if headline.get("fte_planned") not in (None, ""):
            sentence += " " + _("Arbejdsplanen afsatte %(fte)s årsværk.") % {"fte": _fte(headline["fte_planned"])}
        return sentence

    def conclusions(self) -> None:
        self.heading(_("Hovedkonklusioner"))
        written = False
        for challenge in self.report.get("challenges") or []:
            conclusions = [clean(c).strip() for c in challenge.get("conclusions") or [] if clean(c).strip()]
            if not conclusions:
                continue
            self.heading(challenge.get("name"), level=2)
            for conclusion in conclusions:
                self.bullet(conclusion)
            written = True
        if not written:
            self.paragraph(_("Der er ikke registreret hovedkonklusioner."))
        self.text(self.report.get("closing"))

    def purpose(self) -> None:
        self.heading(_("Formål"))
        if not self.text(self.report.get("purpose")):
            self.paragraph(_("Formålet er ikke beskrevet i arbejdsplanen."))

    def target_groups(self) -> None:
        self.heading(_("Målgrupper"))
        groups = [clean(g).strip() for g in self.report.get("target_groups") or [] if clean(g).strip()]
        if not groups:
            self.paragraph(_("Der er ikke registreret målgrupper i arbejdsplanen."))
            return
        self.paragraph(_("Målgrupperne for TaskForce Integrations indsats i %(year)s har været:") % {"year": self.year})
        for group in groups:
            self.bullet(group)

    def challenge_table(self) -> None:
        table_data = self.report.get("table") or {}
        columns = table_data.get("challenges") or []
        count = len(columns)
        self.heading(ngettext("Én udfordring for TFI i %(year)s", "%(number)s udfordringer for TFI i %(year)s",
                              count) % {"number": _number_word(count).capitalize(), "year": self.year})
        if not columns:
            self.paragraph(_("Arbejdsplanen har ingen udfordringer."))
        else:
            for challenge in self.report.get("challenges") or []:
                self.bullet(f"{challenge.get('number')}. {clean(challenge.get('name'))}")
            requisitions, advisories = table_data.get("requisitions", 0), table_data.get("advisories", 0)
            self.paragraph(
                _("TFI har haft %(requisitions)s og %(advisories)s i %(year)s.") % {
                    "requisitions": ngettext("%(count)s rekvirering", "%(count)s rekvireringer", requisitions) % {
                        "count": requisitions},
                    "advisories": ngettext("%(count)s rådgivning", "%(count)s rådgivninger", advisories) % {
                        "count": advisories},
                    "year": self.year}
                + " " + ngettext("Nedenstående tabel viser, hvordan de fordeler sig på udfordringen.",
                                 "Nedenstående tabel viser, hvordan de fordeler sig på de %(number)s udfordringer.",
                                 count) % {"number": _number_word(count)})
            self._table(columns, requisitions, advisories)
        headline = self.report.get("headline") or {}
        requesting, administrations = headline.get("administrations_requesting", 0), headline.get("administrations", 0)
        if administrations:
            if not requesting:
                self.paragraph(_("TFI har ikke haft rekvireringer fra forvaltningerne i %(year)s.") % {
                    "year": self.year})
            elif requesting == administrations:
                self.paragraph(ngettext("TFI har haft rekvireringer fra den ene forvaltning.",
                                        "TFI har haft rekvireringer fra alle %(count)s forvaltninger.",
                                        administrations) % {"count": administrations})
            else:
                self.paragraph(_("TFI har haft rekvireringer fra %(requesting)s af de %(count)s forvaltninger.") % {
                    "requesting": requesting, "count": administrations})

    def _table(self, columns: list[dict], requisitions: int, advisories: int) -> None:
        table = self.doc.add_table(rows=3, cols=len(columns) + 2)
        table.style = "Table Grid"
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        label_width, total_width = Cm(3.4), Cm(1.6)
        text_width = Cm(16) - label_width - total_width
        widths = [label_width] + [int(text_width / len(columns))] * len(columns) + [total_width]
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
            for cell in column.cells:  # Word reads the cells' widths, LibreOffice the grid's
                cell.width = width
        header = [""] + [clean(c.get("short_label")) or _("Udfordring %(number)s") % {"number": c.get("number")}
                         for c in columns] + [_("I alt")]
        rows = [
            header,
            [_("Rekvireringer")] + [str(c.get("requisitions", 0)) for c in columns] + [str(requisitions)],
            [_("Rådgivninger")] + [str(c.get("advisories", 0)) for c in columns] + [str(advisories)],
        ]
        for row_index, values in enumerate(rows):
            for column_index, value in enumerate(values):
                cell = table.cell(row_index, column_index)
                paragraph = cell.paragraphs[0]
                run = self.run(paragraph, value, bold=row_index == 0 or column_index in (0, len(values) - 1))
                run.font.size = Pt(10)
                if column_index:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER if row_index == 0 else WD_ALIGN_PARAGRAPH.RIGHT
        # Repeat the header row if the table ever breaks across pages.
        header_properties = table.rows[0]._tr.get_or_add_trPr()
        repeat = OxmlElement("w:tblHeader")
        header_properties.append(repeat)
        self.paragraph()

    def challenge(self, challenge: dict) -> None:
        self.heading(f"{challenge.get('number')}. {clean(challenge.get('name'))}")
        self.text(challenge.get("lead_in"))
        self.deliverables(challenge)
        self.requisitions(challenge)
        self.advisories(challenge)
        self.steering_groups(challenge.get("steering_groups") or [])

    def deliverables(self, challenge: dict) -> None:
        self.heading(_("Leverancer"), level=2)
        deliverables = challenge.get("deliverables") or []
        if not deliverables:
            self.paragraph(_("Ingen leverancer registreret."))
            return
        for deliverable in deliverables:
            paragraph = self.bullet()
            self.run(paragraph, deliverable.get("title"), bold=True)
            status = clean(deliverable.get("status_label")).lower()
            replaced_by = [clean(title) for title in deliverable.get("replaced_by") or []]
            if replaced_by and deliverable.get("status") == "replaced":
                self.run(paragraph, " " + _("(erstattet af: %(titles)s)") % {"titles": names_joined(replaced_by)})
            else:
                if status:
                    self.run(paragraph, f" – {status}")
                if replaced_by:
                    self.run(paragraph, " " + _("(erstattet af: %(titles)s)") % {"titles": names_joined(replaced_by)})
            outcome = clean(deliverable.get("outcome")).strip()
            if outcome:
                self.line_break(paragraph)
                self.run(paragraph, outcome)

    def requisitions(self, challenge: dict) -> None:
        self.heading(_("Rekvireringer"), level=2)
        total = (self.report.get("headline") or {}).get("requisitions", 0)
        count = challenge.get("requisition_count", 0)
        requisitions = challenge.get("requisitions") or []
        if not count and not requisitions:
            self.paragraph(self._none_of(total, advisories=False))
            return
        self.paragraph(ngettext("%(count)s ud af i alt %(total)s rekvirering har omhandlet denne udfordring:",
                                "%(count)s ud af i alt %(total)s rekvireringer har omhandlet denne udfordring:",
                                total) % {"count": count, "total": total})
        num_id = self.numbered_list()
        for requisition in requisitions:
            paragraph = self.numbered(num_id)
            self.run(paragraph, requisition.get("title"), bold=True)
            requesters = names_joined(clean(name) for name in requisition.get("requesters") or [])
            if requesters:
                self.line_break(paragraph)
                self.run(paragraph, _("Rekvirent: %(names)s") % {"names": requesters})
            for line in clean(requisition.get("description")).split("\n"):
                if line.strip():
                    self.line_break(paragraph)
                    self.run(paragraph, line.strip())
            participants = clean(requisition.get("participants")).strip()
            if participants:
                self.line_break(paragraph)
                self.run(paragraph, _("Deltagere: %(participants)s") % {"participants": participants})

    def _none_of(self, total: int, *, advisories: bool) -> str:
        if advisories:
            if not total:
                return _("Der er ikke registreret rådgivninger i %(year)s.") % {"year": self.year}
            return ngettext("Årets eneste rådgivning har ikke omhandlet denne udfordring.",
                            "Ingen af årets %(total)s rådgivninger har omhandlet denne udfordring.",
                            total) % {"total": total}
        if not total:
            return _("Der er ikke registreret rekvireringer i %(year)s.") % {"year": self.year}
        return ngettext("Årets eneste rekvirering har ikke omhandlet denne udfordring.",
                        "Ingen af årets %(total)s rekvireringer har omhandlet denne udfordring.",
                        total) % {"total": total}

    def advisories(self, challenge: dict) -> None:
        self.heading(_("Rådgivninger"), level=2)
        total = (self.report.get("headline") or {}).get("advisories", 0)
        count = challenge.get("advisory_count", 0)
        examples = challenge.get("advisory_examples") or []
        if not count and not examples:
            self.paragraph(self._none_of(total, advisories=True))
            return
        if examples:
            sentence = ngettext("%(count)s ud af i alt %(total)s rådgivning har omhandlet denne udfordring, f.eks.:",
                                "%(count)s ud af i alt %(total)s rådgivninger har omhandlet denne udfordring, f.eks.:",
                                total)
        else:
            sentence = ngettext("%(count)s ud af i alt %(total)s rådgivning har omhandlet denne udfordring.",
                                "%(count)s ud af i alt %(total)s rådgivninger har omhandlet denne udfordring.",
                                total)
        self.paragraph(sentence % {"count": count, "total": total})
        for example in examples:
            paragraph = self.bullet()
            self.run(paragraph, example.get("title"), bold=True)
            if example.get("requester"):
                self.run(paragraph, f" – {clean(example['requester'])}")
            description = " ".join(line.strip() for line in clean(example.get("description")).split("\n")
                                   if line.strip())
            if description:
                self.run(paragraph, f": {description}")

    def steering_groups(self, seats: list[dict], heading: str | None = None, level: int = 2) -> None:
        if not seats:
            return
        self.heading(heading or _("Styregrupper"), level=level)
        self.paragraph(_("TFI er repræsenteret i følgende styregrupper:"))
        for seat in seats:
            paragraph = self.bullet()
            self.run(paragraph, seat.get("body"), bold=True)
            details = [clean(seat.get(key)).strip() for key in ("role", "area")]
            details = [detail for detail in details if detail]
            if details:
                self.run(paragraph, f" – {', '.join(details)}")

    def other_steering_groups(self) -> None:
        self.steering_groups(self.report.get("steering_groups_without_challenge") or [],
                             heading=_("Øvrige styregrupper"), level=1)

    def satisfaction(self) -> None:
        self.heading(_("Tilfredshedsmåling"))
        survey = self.report.get("satisfaction") or {}
        answers, satisfied = survey.get("headline_answers", 0), survey.get("satisfied", 0)
        self.paragraph(survey_returns(survey, year=self.year))
        if answers:
            satisfied_percent = survey.get("satisfied_percent")
            share = f" ({percent(satisfied_percent)})" if satisfied_percent is not None else ""
            self.paragraph(_("Resultaterne viser, at %(satisfied)s ud af %(answers)s rekvirenter er tilfredse eller i "
                             "høj grad tilfredse med TFIs rådgivning og indsats%(share)s.") % {
                "satisfied": satisfied, "answers": answers, "share": share})
            steps = [_("%(count)s ud af %(answers)s er %(label)s") % {
                         "count": step.get("count", 0), "answers": answers, "label": self._step_label(step)}
                     for step in survey.get("steps") or [] if step.get("count")]
            if steps:
                self.paragraph(_("Besvarelserne fordeler sig således: %(steps)s.") % {"steps": names_joined(steps)})
        quotes = [clean(q).strip() for q in survey.get("quotes") or [] if clean(q).strip()]
        if quotes:
            self.paragraph(_("Citat fra tilbagemelding fra en rekvirent:") if len(quotes) == 1
                           else _("Citater fra tilbagemeldinger fra rekvirenter:"))
            for quote in quotes:
                paragraph = self.styled("Quote")
                lines = [line.strip() for line in quote.split("\n") if line.strip()]
                for index, line in enumerate(lines):
                    if index:
                        self.line_break(paragraph)
                    text = line
                    if index == 0:
                        text = pgettext("begyndende anførselstegn", "”") + text
                    if index == len(lines) - 1:
                        text += pgettext("afsluttende anførselstegn", "”")
                    self.run(paragraph, text, italic=True)

    @staticmethod
    def _step_label(step: dict) -> str:
        """"I høj grad tilfreds" with 23 answers reads "i høj grad tilfredse" (the satisfaction scale's label
        in the document's language; only Danish bends it)."""
        label = clean(step.get("label")).strip()
        label = label[:1].lower() + label[1:]
        if step.get("count") != 1 and label.endswith("tilfreds") and word_language() == "da-DK":
            label += "e"
        return label


def status_report_docx(report: dict) -> bytes:
    """The year's status report (the dict of `status_report`) as the bytes of a .docx file."""
    return StatusReportWriter(report).write()
