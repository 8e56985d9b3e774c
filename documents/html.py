"""A document's blocks (documents/blocks.py) as HTML, for a page: the title in a <header>, each section (a
heading of level 1 and what follows it) in a <section> labelled by its heading, and Bootstrap's classes.

Made as strings with every text escaped, not through a template: the status report of a busy year lists
thousands of requisitions, and a template loop over them took most of the page's time (bench/load).
"""

import html

from django.utils.safestring import SafeString, mark_safe

from .blocks import Block, BulletList, Heading, Inline, NumberedList, Paragraph, Quote, Table


def escape(text) -> str:
    """As django.utils.html.escape, the same characters, without its wrapping for lazy strings, which cost
    most of the escaping on a busy year's report (16,000 calls)."""
    return html.escape(str(text))


def _spans(spans: Inline) -> str:
    parts = []
    for text, bold, italic in spans:
        text = html.escape(text).replace("\n", "<br>")
        if italic:
            text = f"<em>{text}</em>"
        if bold:
            text = f"<strong>{text}</strong>"
        parts.append(text)
    return "".join(parts)


def _items(items) -> str:
    return "".join(f"<li>{_spans(item)}</li>" for item in items)


def _table(table: Table) -> str:
    last = len(table.header) - 1
    # The total's short heading ("I alt") on one line; the challenges' labels may wrap.
    classes = ["", *(["text-end"] * (last - 1)), "text-end text-nowrap" if table.total_column else "text-end"]
    head = "".join((f'<th scope="col" class="{css}">' if css else '<th scope="col">') + f"{escape(cell)}</th>"
                   for css, cell in zip(classes, table.header, strict=True))
    rows = []
    for row in table.rows:
        cells = [f'<th scope="row">{escape(row[0])}</th>']
        for index, cell in enumerate(row[1:], 1):
            bold = " fw-bold" if table.total_column and index == last else ""
            cells.append(f'<td class="text-end{bold}">{escape(cell)}</td>')
        rows.append(f"<tr>{''.join(cells)}</tr>")
    return (f'<div class="table-responsive"><table class="table table-sm table-bordered report-table">'
            f'<caption class="visually-hidden">{escape(table.caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table></div>")


def _block(block: Block, anchors: dict[int, str]) -> str:
    if isinstance(block, Heading):
        if block.level == 0:
            kicker = f'<p class="text-muted mb-1">{escape(block.kicker)}</p>' if block.kicker else ""
            return f'<header class="report-header">{kicker}<h1>{escape(block.text)}</h1></header>'
        if block.level == 1:
            return f'<h2 id="{anchors[id(block)]}">{escape(block.text)}</h2>'
        return f'<h3 class="h5">{escape(block.text)}</h3>'
    if isinstance(block, Paragraph):
        return f'<p class="text-muted">{_spans(block.spans)}</p>' if block.note else f"<p>{_spans(block.spans)}</p>"
    if isinstance(block, BulletList):
        return f"<ul>{_items(block.items)}</ul>"
    if isinstance(block, NumberedList):
        return f"<ol>{_items(block.items)}</ol>"
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Quote):
        lines = "<br>".join(escape(line) for line in block.lines)
        return f'<blockquote class="blockquote fs-6 fst-italic border-start ps-3">{lines}</blockquote>'
    raise TypeError(f"not a block: {block!r}")


def render_html(blocks: list[Block], *, anchor_prefix: str = "r") -> SafeString:
    """The blocks as an <article>; the sections' headings get the ids `<anchor_prefix>-1`, `-2`... unless
    they name their own."""
    anchors: dict[int, str] = {}
    for number, block in enumerate((b for b in blocks if isinstance(b, Heading) and b.level == 1), 1):
        anchors[id(block)] = block.anchor or f"{anchor_prefix}-{number}"
    parts = ['<article class="report">']
    in_section = False
    for block in blocks:
        if isinstance(block, Heading) and block.level <= 1:
            if in_section:
                parts.append("</section>")
                in_section = False
            if block.level == 1:
                parts.append(f'<section aria-labelledby="{anchors[id(block)]}">')
                in_section = True
        parts.append(_block(block, anchors))
    if in_section:
        parts.append("</section>")
    parts.append("</article>")
    return mark_safe("".join(parts))  # every text above went through escape()
