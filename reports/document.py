"""The annual status report as one document: every sentence of it made once, here, from the report's
figures (the plain data of `status_report`, or an approved report's snapshot of it), in the active
language with its plural rules. The report page and the Word file only draw these blocks
(documents/html.py, documents/docx.py), so they say the same, sentence for sentence
(tests/reports/test_document.py).

The sections follow the 2008 report: introduction, main conclusions, purpose, target groups, the table of
requisitions and advisories per challenge, a section per challenge (its deliverables, its requisitions
numbered, its advisories with the examples, its steering groups), other steering groups and the
satisfaction survey. What users typed (texts, titles, names) goes in as typed.
"""

import datetime
from collections.abc import Iterable

from django.utils import formats, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext, pgettext_lazy

from core.numbers import count_text, number_text, percent_text
from documents.blocks import (
    Block,
    BulletList,
    Heading,
    NumberedList,
    Paragraph,
    Quote,
    Span,
    Table,
    inline,
    text_blocks,
)

_NUMBER_WORDS = [pgettext_lazy("talord", "nul"), pgettext_lazy("talord", "en"), pgettext_lazy("talord", "to"),
                 pgettext_lazy("talord", "tre"), pgettext_lazy("talord", "fire"), pgettext_lazy("talord", "fem"),
                 pgettext_lazy("talord", "seks"), pgettext_lazy("talord", "syv"), pgettext_lazy("talord", "otte"),
                 pgettext_lazy("talord", "ni"), pgettext_lazy("talord", "ti")]


def number_word(count: int) -> str:
    """A small count as a word in the active language ("fire", "four"); larger ones as figures."""
    return str(_NUMBER_WORDS[count]) if 0 <= count < len(_NUMBER_WORDS) else count_text(count)


def names_joined(items: Iterable[str], pattern: str | None = None) -> str:
    """"A", "A og B", "A, B og C" (in English "A, B and C"); empty items are left out. `pattern`: the
    translated "%(items)s og %(last)s", where a caller joins thousands of lists (a lookup costs microseconds)."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    return (pattern or _("%(items)s og %(last)s")) % {"items": ", ".join(items[:-1]), "last": items[-1]}


def _counted(text: str, count: int) -> str:
    """`text`, translated by ngettext for `count`, with the count written in the language's format."""
    return text % {"count": count_text(count)}


def _texts(values) -> list[str]:
    return [text for text in (str(value).strip() for value in values or ()) if text]


def _lines(text: str, separator: str = "\n") -> str:
    """The text's lines, trimmed, without the empty ones, joined by `separator` (a busy year's report does
    this for tens of thousands of descriptions)."""
    return separator.join(filter(None, map(str.strip, text.split("\n")))) if text else ""


class _Builder:
    def __init__(self, report: dict):
        self.report = report
        self.year = report.get("year", "")
        self.headline = report.get("headline") or {}
        self.blocks: list[Block] = []

    def add(self, *blocks: Block) -> None:
        self.blocks.extend(blocks)

    def paragraph(self, *parts, note: bool = False) -> None:
        self.add(Paragraph(inline(*parts), note=note))

    def text(self, text: str | None) -> bool:
        """A text typed by users; False when there is none."""
        blocks = text_blocks(text)
        self.add(*blocks)
        return bool(blocks)

    # --- The sections ---------------------------------------------------------------------------------

    def build(self) -> list[Block]:
        self.letterhead()
        appendix = self.report.get("appendix") or {}
        self.add(Heading(self.report.get("title") or "", level=0, kicker=appendix.get("label") or _("Bilag")))
        self.introduction()
        self.conclusions()
        self.purpose()
        self.target_groups()
        self.challenge_table()
        for challenge in self.report.get("challenges") or []:
            self.challenge(challenge)
        self.steering_groups(self.report.get("steering_groups_without_challenge") or [],
                             heading=_("Øvrige styregrupper"), level=1)
        self.satisfaction()
        return self.blocks

    def letterhead(self) -> None:
        """Above the title, as on the committee's papers: the meeting's date, the case and document numbers
        (those written in the report's texts), and whether this is the approved report or a draft (the
        state its caller gives: reports/selectors/approval.report_state)."""
        appendix = self.report.get("appendix") or {}
        lines = []
        if appendix.get("date"):
            day = datetime.date.fromisoformat(appendix["date"])
            lines.append(_("Dato: %(date)s") % {"date": formats.date_format(day, "SHORT_DATE_FORMAT")})
        if appendix.get("case_number"):
            lines.append(_("Sagsnr.: %(number)s") % {"number": appendix["case_number"]})
        if appendix.get("document_number"):
            lines.append(_("Dok.nr.: %(number)s") % {"number": appendix["document_number"]})
        if lines:
            self.paragraph("\n".join(lines))
        if self.report.get("state"):
            self.paragraph(self.report["state"], note=True)

    def introduction(self) -> None:
        self.add(Heading(_("Indledning"), level=1, anchor="r-intro"))
        # The year's written introduction (its figures come from placeholders), or, where none is written
        # yet, a sentence with the headline figures.
        if not self.text(self.report.get("introduction")):
            self.paragraph(self.headline_sentence())

    def headline_sentence(self) -> str:
        headline = self.headline
        requisitions, advisories = headline.get("requisitions", 0), headline.get("advisories", 0)
        visits, events = headline.get("project_visits", 0), headline.get("events", 0)
        participants, expected = headline.get("participants", 0), headline.get("participants_expected") or 0
        sentence = _("I %(year)s har TFI haft %(requisitions)s, %(advisories)s, besøgt %(visits)s og holdt "
                     "%(events)s med i alt %(participants)s.") % {
            "year": self.year,
            "requisitions": _counted(ngettext("%(count)s rekvireringsopgave", "%(count)s rekvireringsopgaver",
                                              requisitions), requisitions),
            "advisories": _counted(ngettext("%(count)s rådgivning", "%(count)s rådgivninger", advisories), advisories),
            "visits": _counted(ngettext("%(count)s integrationsprojekt", "%(count)s integrationsprojekter", visits),
                               visits),
            "events": _counted(ngettext("%(count)s arrangement", "%(count)s arrangementer", events), events),
            "participants": _counted(ngettext("%(count)s deltager", "%(count)s deltagere", participants),
                                     participants),
        }
        if expected:
            sentence += " " + _counted(ngettext(
                "Derudover forventes %(count)s deltager ved arrangementer, der endnu ikke er afholdt.",
                "Derudover forventes %(count)s deltagere ved arrangementer, der endnu ikke er afholdt.",
                expected), expected)
        if headline.get("fte_planned") not in (None, ""):
            fte = number_text(headline["fte_planned"])
            sentence += " " + _("Arbejdsplanen afsatte %(fte)s årsværk.") % {"fte": fte}
        return sentence

    def conclusions(self) -> None:
        self.add(Heading(_("Hovedkonklusioner"), level=1, anchor="r-conclusions"))
        written = False
        for challenge in self.report.get("challenges") or []:
            conclusions = _texts(challenge.get("conclusions"))
            if conclusions:
                self.add(Heading(challenge.get("name") or "", level=2),
                         BulletList(tuple(inline(line) for line in conclusions)))
                written = True
        if not written:
            self.paragraph(_("Der er ikke registreret hovedkonklusioner."), note=True)
        self.text(self.report.get("closing"))

    def purpose(self) -> None:
        self.add(Heading(_("Formål"), level=1, anchor="r-purpose"))
        if not self.text(self.report.get("purpose")):
            self.paragraph(_("Formålet er ikke beskrevet i arbejdsplanen."), note=True)

    def target_groups(self) -> None:
        self.add(Heading(_("Målgrupper"), level=1, anchor="r-targets"))
        groups = _texts(self.report.get("target_groups"))
        if not groups:
            self.paragraph(_("Der er ikke registreret målgrupper i arbejdsplanen."), note=True)
            return
        self.text(self.report.get("target_groups_lead_in"))
        self.paragraph(_("Målgrupperne for TaskForce Integrations indsats i %(year)s har været:") % {"year": self.year})
        self.add(BulletList(tuple(inline(group) for group in groups)))

    def challenge_table(self) -> None:
        table = self.report.get("table") or {}
        columns = table.get("challenges") or []
        count = len(columns)
        self.add(Heading(ngettext("Én udfordring for TFI i %(year)s", "%(number)s udfordringer for TFI i %(year)s",
                                  count) % {"number": number_word(count).capitalize(), "year": self.year},
                         level=1, anchor="r-table"))
        if not columns:
            self.paragraph(_("Arbejdsplanen har ingen udfordringer."), note=True)
        else:
            self.text(self.report.get("challenges_lead_in"))
            challenges = self.report.get("challenges") or columns
            names = [inline(challenge.get("name") or challenge.get("short_label") or "") for challenge in challenges]
            if [challenge.get("number") for challenge in challenges] == list(range(1, len(challenges) + 1)):
                self.add(NumberedList(tuple(names)))
            else:  # numbers that a list counting from 1 would not give: written out, without a bullet as well
                for challenge, name in zip(challenges, names, strict=True):
                    self.paragraph(f"{challenge.get('number')}. ", *name)
            requisitions, advisories = table.get("requisitions", 0), table.get("advisories", 0)
            self.paragraph(
                _("TFI har haft %(requisitions)s og %(advisories)s i %(year)s.") % {
                    "requisitions": _counted(ngettext("%(count)s rekvirering", "%(count)s rekvireringer",
                                                      requisitions), requisitions),
                    "advisories": _counted(ngettext("%(count)s rådgivning", "%(count)s rådgivninger", advisories),
                                           advisories),
                    "year": self.year}
                + " " + ngettext("Nedenstående tabel viser, hvordan de fordeler sig på udfordringen.",
                                 "Nedenstående tabel viser, hvordan de fordeler sig på de %(number)s udfordringer.",
                                 count) % {"number": number_word(count)})
            self.add(Table(
                caption=_("Rekvireringer og rådgivninger pr. udfordring"),
                header=("", *(c.get("short_label") or _("Udfordring %(number)s") % {"number": c.get("number")}
                              for c in columns), _("I alt")),
                rows=((_("Rekvireringer"), *(count_text(c.get("requisitions", 0)) for c in columns),
                       count_text(requisitions)),
                      (_("Rådgivninger"), *(count_text(c.get("advisories", 0)) for c in columns),
                       count_text(advisories))),
                total_column=True))
        requesting, administrations = (self.headline.get("administrations_requesting", 0),
                                       self.headline.get("administrations", 0))
        if administrations:
            if not requesting:
                self.paragraph(_("TFI har ikke haft rekvireringer fra forvaltningerne i %(year)s.")
                               % {"year": self.year})
            elif requesting == administrations:
                self.paragraph(ngettext("TFI har haft rekvireringer fra den ene forvaltning.",
                                        "TFI har haft rekvireringer fra alle %(count)s forvaltninger.",
                                        administrations) % {"count": number_word(administrations)})
            else:
                self.paragraph(_("TFI har haft rekvireringer fra %(requesting)s af de %(count)s forvaltninger.") % {
                    "requesting": number_word(requesting), "count": number_word(administrations)})

    def challenge(self, challenge: dict) -> None:
        self.add(Heading(f"{challenge.get('number')}. {challenge.get('name') or ''}", level=1,
                         anchor=f"r-challenge-{challenge.get('number')}"))
        self.text(challenge.get("lead_in"))
        self.deliverables(challenge)
        self.requisitions(challenge)
        self.advisories(challenge)
        self.steering_groups(challenge.get("steering_groups") or [])

    def deliverables(self, challenge: dict) -> None:
        self.add(Heading(_("Leverancer"), level=2))
        deliverables = challenge.get("deliverables") or []
        if not deliverables:
            self.paragraph(_("Ingen leverancer registreret."), note=True)
            return
        items = []
        replaced_by_text, replaces_text = str(_("(erstattet af: %(titles)s)")), str(_("(erstatter: %(titles)s)"))
        joined = str(_("%(items)s og %(last)s"))
        for deliverable in deliverables:
            parts = []
            replaced_by = _texts(deliverable.get("replaced_by"))
            replaces = _texts(deliverable.get("replaces"))
            if not (replaced_by and deliverable.get("status") == "replaced"):
                status = (deliverable.get("status_label") or "").strip().lower()
                if status:
                    parts.append(f" – {status}")
            if replaced_by:
                parts.append(" " + replaced_by_text % {"titles": names_joined(replaced_by, joined)})
            if replaces:
                parts.append(" " + replaces_text % {"titles": names_joined(replaces, joined)})
            outcome = (deliverable.get("outcome") or "").strip()
            if outcome:
                parts.append("\n" + outcome)
            title = Span(deliverable.get("title") or "", bold=True)
            items.append((title, Span("".join(parts))) if parts else (title,))
        self.add(BulletList(tuple(items)))

    def _none_of(self, total: int, *, advisories: bool) -> str:
        if advisories:
            if not total:
                return _("Der er ikke registreret rådgivninger i %(year)s.") % {"year": self.year}
            return ngettext("Årets eneste rådgivning har ikke omhandlet denne udfordring.",
                            "Ingen af årets %(total)s rådgivninger har omhandlet denne udfordring.",
                            total) % {"total": count_text(total)}
        if not total:
            return _("Der er ikke registreret rekvireringer i %(year)s.") % {"year": self.year}
        return ngettext("Årets eneste rekvirering har ikke omhandlet denne udfordring.",
                        "Ingen af årets %(total)s rekvireringer har omhandlet denne udfordring.",
                        total) % {"total": count_text(total)}

    def requisitions(self, challenge: dict) -> None:
        self.add(Heading(_("Rekvireringer"), level=2))
        total = self.headline.get("requisitions", 0)
        count = challenge.get("requisition_count", 0)
        requisitions = challenge.get("requisitions") or []
        if not count and not requisitions:
            self.paragraph(self._none_of(total, advisories=False))
            return
        self.paragraph(ngettext("%(count)s ud af i alt %(total)s rekvirering har omhandlet denne udfordring:",
                                "%(count)s ud af i alt %(total)s rekvireringer har omhandlet denne udfordring:",
                                total) % {"count": count_text(count), "total": count_text(total)})
        requester, participants = str(_("Rekvirent: %(names)s")), str(_("Deltagere: %(participants)s"))
        joined = str(_("%(items)s og %(last)s"))
        items = []
        for requisition in requisitions:
            # The title in bold, the rest as one span: thousands of rows on a busy year's page.
            rest = []
            names = names_joined(requisition.get("requesters") or [], joined)
            if names:
                rest.append("\n" + requester % {"names": names})
            description = _lines(requisition.get("description") or "")
            if description:
                rest.append("\n" + description)
            shown = (requisition.get("participants") or "").strip()
            if shown:
                rest.append("\n" + participants % {"participants": shown})
            title = Span(requisition.get("title") or "", bold=True)
            items.append((title, Span("".join(rest))) if rest else (title,))
        if items:
            self.add(NumberedList(tuple(items)))

    def advisories(self, challenge: dict) -> None:
        self.add(Heading(_("Rådgivninger"), level=2))
        total = self.headline.get("advisories", 0)
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
        self.paragraph(sentence % {"count": count_text(count), "total": count_text(total)})
        items = []
        for example in examples:
            parts = [Span(example.get("title") or "", bold=True)]
            if example.get("requester"):
                parts.append(f" – {example['requester']}")
            description = _lines(example.get("description") or "", " ")
            if description:
                parts.append(f": {description}")
            items.append(inline(*parts))
        if items:
            self.add(BulletList(tuple(items)))

    def steering_groups(self, seats: list[dict], heading: str | None = None, level: int = 2) -> None:
        if not seats:
            return
        self.add(Heading(heading or _("Styregrupper"), level=level))
        self.paragraph(_("TFI er repræsenteret i følgende styregrupper:"))
        items = []
        for seat in seats:
            details = [detail for detail in ((seat.get("role") or "").strip().lower(), (seat.get("area") or "").strip())
                       if detail]
            body = Span(seat.get("body") or "", bold=True)
            items.append((body, Span(f" – {', '.join(details)}")) if details else (body,))
        self.add(BulletList(tuple(items)))

    def satisfaction(self) -> None:
        self.add(Heading(_("Tilfredshedsmåling"), level=1, anchor="r-satisfaction"))
        survey = self.report.get("satisfaction") or {}
        answers, satisfied = survey.get("headline_answers", 0), survey.get("satisfied", 0)
        self.paragraph(self.survey_returns(survey))
        if answers:
            satisfied_percent = survey.get("satisfied_percent")
            share = f" ({percent_text(satisfied_percent)})" if satisfied_percent is not None else ""
            self.paragraph(ngettext(
                "Resultaterne viser, at %(satisfied)s ud af %(answers)s rekvirenter er i høj grad tilfreds eller "
                "tilfreds med TFIs rådgivning og indsats%(share)s.",
                "Resultaterne viser, at %(satisfied)s ud af %(answers)s rekvirenter er i høj grad tilfredse eller "
                "tilfredse med TFIs rådgivning og indsats%(share)s.", satisfied) % {
                "satisfied": count_text(satisfied), "answers": count_text(answers), "share": share})
            steps = [_("%(count)s ud af %(answers)s er %(label)s") % {
                "count": count_text(step.get("count", 0)), "answers": count_text(answers),
                "label": self._step_label(step)} for step in survey.get("steps") or [] if step.get("count")]
            if steps:
                self.paragraph(_("Besvarelserne fordeler sig således: %(steps)s.") % {"steps": names_joined(steps)})
        quotes = _texts(survey.get("quotes"))
        if quotes:
            self.paragraph(_("Citat fra tilbagemelding fra en rekvirent:") if len(quotes) == 1
                           else _("Citater fra tilbagemeldinger fra rekvirenter:"))
            opening, closing = pgettext("begyndende anførselstegn", "”"), pgettext("afsluttende anførselstegn", "”")
            for quote in quotes:
                lines = _texts(quote.split("\n"))
                self.add(Quote((opening + lines[0], *lines[1:-1], lines[-1] + closing) if len(lines) > 1
                               else (opening + lines[0] + closing,)))

    def survey_returns(self, survey: dict) -> str:
        """The first sentence on the satisfaction survey: questionnaires sent, answers returned and the
        response rate (`survey` is the report's "satisfaction")."""
        sent, answered = survey.get("sent", 0), survey.get("answered", 0)
        if not answered:
            if not sent:
                return _("Der er ikke gennemført tilfredshedsmåling i %(year)s.") % {"year": self.year}
            return _counted(ngettext(
                "TFI har sendt %(count)s spørgeskema ud til rekvirenterne, men har endnu ikke fået besvarelser retur.",
                "TFI har sendt %(count)s spørgeskemaer ud til rekvirenterne, men har endnu ikke fået besvarelser "
                "retur.", sent), sent)
        sentence = _("TFI har sendt %(sent)s ud til rekvirenterne og har fået i alt %(answered)s retur") % {
            "sent": _counted(ngettext("%(count)s spørgeskema", "%(count)s spørgeskemaer", sent), sent),
            "answered": _counted(ngettext("%(count)s besvarelse", "%(count)s besvarelser", answered), answered)}
        rate = survey.get("response_rate")
        return f"{sentence} ({percent_text(rate)})." if rate is not None else f"{sentence}."

    @staticmethod
    def _step_label(step: dict) -> str:
        """"I høj grad tilfreds" with 23 answers reads "i høj grad tilfredse" (the satisfaction scale's label
        in the report's language; only Danish bends it)."""
        label = (step.get("label") or "").strip()
        label = label[:1].lower() + label[1:]
        danish = (translation.get_language() or "").split("-")[0] == "da"
        if step.get("count") != 1 and label.endswith("tilfreds") and danish:
            label += "e"
        return label


def running_header(report: dict) -> str:
    """What every printed page of the report says at its top: its title and what it is (draft or approved)."""
    return " · ".join(filter(None, [report.get("title"), report.get("state")]))


def status_report_document(report: dict) -> list[Block]:
    """Every block of the year's status report in the active language (`report`: the plain data of
    status_report, or an approved snapshot of it in the reader's language)."""
    return _Builder(report).build()
