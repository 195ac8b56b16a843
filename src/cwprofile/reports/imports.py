"""`import --explain` (how each status was read) and the summary of an import of many
profiles (what became of each)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from cwprofile.catalog import INDICATORS
from cwprofile.model import CONTACT_FIELDS
from cwprofile.reports import document_of, plural, status_cell
from cwprofile.reports.report import Records, Report

if TYPE_CHECKING:
    from cwprofile.blocks import Block
    from cwprofile.importer.many import Outcome
    from cwprofile.importer.profile import Result


def _statuses(result: Result) -> list[dict[str, Any]]:
    return [
        {
            "id": i.id,
            "code": i.code,
            "title": i.title,
            "status": decision.status,
            "sentence": decision.sentence,
            "rule": decision.rule,
        }
        for i in INDICATORS
        for decision in (result.decisions[i.id],)
    ]


def _contact(result: Result) -> dict[str, Any]:
    """The contact read, the passage it was read from, and why that organisation."""
    return {
        **result.document["contact"],
        "sentence": result.contact_sentence,
        "why": result.contact_why,
    }


def import_row(outcome: Outcome, explain: bool) -> dict[str, Any]:
    """What became of one profile read, as the document holds it; with `explain`, how each
    status and the contact were read and which lines were left out as page furniture."""
    result = outcome.result
    row = {
        "source": outcome.source,
        "country": outcome.country,
        "file": outcome.path,
        "result": outcome.state,
        "detail": outcome.detail or None,
        "gaps": list(result.gaps) if result else [],
    }
    if explain:
        row["statuses"] = _statuses(result) if result else []
        row["contact"] = _contact(result) if result else None
        row["furniture"] = [r._asdict() for r in result.furniture] if result else []
    return row


def import_records(rows: Sequence[dict[str, Any]], explain: bool) -> Records:
    """The import as CSV: a row a profile, or, explained, a row a status read, the contact's
    passage and each line left out."""
    if not explain:
        return Records(COLUMNS, [tuple(row[c] for c in COLUMNS) for row in rows])
    found = []
    for row in rows:
        where = (row["source"], row["country"], row["file"])
        found += [(*where, *(s[k] for k in STATUS_COLUMNS)) for s in row["statuses"]]
        if row["contact"] is not None:  # the contact's row: what it was read from
            found.append((*where, None, "contact", None, CONTACT_RULE, row["contact"]["sentence"]))
        found += [  # each line left out: its reason, where it stood, its text
            (*where, None, "furniture", None, f"{r['reason']}, page {r['page']}", r["text"])
            for r in row["furniture"]
        ]
    return Records((*COLUMNS[:3], "code", "indicator", "status", "rule", "sentence"), found)


def explained_blocks(row: dict[str, Any]) -> list[Block]:
    """How one profile was read, for people: its statuses with their sentences and rules, its
    contact with the passage it came from, the lines left out, its gaps."""
    from cwprofile.blocks import Fields, Lines

    if not row["statuses"]:
        return []
    contact = row["contact"]
    out: list[Block] = [
        _statuses_table(row),
        Fields(
            (
                *((f.label, contact[f.name]) for f in FILE_FIELDS),
                ("Read from", contact["sentence"] or "no sentence names computer incidents"),
                ("Why this name", contact["why"] or None),
            ),
            title=f"The contact for computer incidents of {row['country']}",
        ),
    ]
    if row["furniture"]:
        out.append(_furniture_table(row))
    if row["detail"]:
        out.append(Lines((f"Gaps: {row['detail']}",)))
    return out


def _statuses_table(row: dict[str, Any]) -> Block:
    from cwprofile.blocks import Column, Table

    columns = (
        Column("Code"),
        Column("Indicator", "text"),
        Column("Status"),
        Column("Rule", "text"),
        Column("Sentence", "prose"),
    )
    cells = tuple(
        (s["code"], s["title"], status_cell(s["status"]), s["rule"], s["sentence"] or None)
        for s in row["statuses"]
    )
    title = f"How the statuses of {row['country']} were read ({row['source']})"
    return Table(columns, cells, title=title, key_columns=2)


def _furniture_table(row: dict[str, Any]) -> Block:
    from cwprofile.blocks import Column, Table

    columns = (Column("Line"), Column("Page"), Column("Why", "text"), Column("Text", "prose"))
    cells = tuple((r["line"], r["page"], r["reason"], r["text"]) for r in row["furniture"])
    return Table(columns, cells, title=f"Lines left out of {row['country']} as page furniture")


def summary_blocks(rows: Sequence[dict[str, Any]], counts: dict[str, int]) -> list[Block]:
    """What became of each profile, a row each, and the counts of each result."""
    from cwprofile.blocks import Column, Paragraph, Table

    columns = (
        Column("Input"),
        Column("Country", "text"),
        Column("File"),
        Column("Result"),
        Column("Detail", "prose"),
    )
    cells = tuple(tuple(row[c] for c in COLUMNS) for row in rows)
    told = ", ".join(f"{count} {state}" for state, count in counts.items() if count)
    return [
        Table(columns, cells, title="Import"),
        Paragraph(f"{plural(len(rows), 'profile')}: {told or 'none'}."),
    ]


def imports(outcomes: Sequence[Outcome], explain: bool, summary: bool) -> Report:
    """What became of each profile read (imported, with gaps, or failed, and where it was
    written); with `explain`, for each indicator the status, the sentence that carries it and
    the rule that read it, to check an import against the PDF in a minute."""
    from cwprofile.importer.many import STATES

    rows = [import_row(outcome, explain) for outcome in outcomes]
    counts = {state: sum(1 for o in outcomes if o.state == state) for state in STATES}

    def blocks() -> tuple[Block, ...]:
        explained = [block for row in rows if explain for block in explained_blocks(row)]
        return (*explained, *(summary_blocks(rows, counts) if summary else ()))

    document = document_of((), profiles=rows, counts=counts)
    return Report("Import", document, blocks, lambda: import_records(rows, explain))


FILE_FIELDS = tuple(f for f in CONTACT_FIELDS if f.derived_from is None)
COLUMNS = ("source", "country", "file", "result", "detail")  # "gaps" is in JSON only
STATUS_COLUMNS = ("code", "id", "status", "rule", "sentence")
CONTACT_RULE = "the computer-incident sentence"
