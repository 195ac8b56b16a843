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


def imports(outcomes: Sequence[Outcome], explain: bool, summary: bool) -> Report:
    """What became of each profile read (imported, with gaps, or failed, and where it was
    written); with `explain`, for each indicator the status, the sentence that carries it and
    the rule that read it, to check an import against the PDF in a minute."""
    rows = [
        {
            "source": o.source,
            "country": o.country,
            "file": o.path,
            "result": o.state,
            "detail": o.detail or None,
            "gaps": list(o.result.gaps) if o.result else [],
            **(
                {
                    "statuses": _statuses(o.result) if o.result else [],
                    "contact": _contact(o.result) if o.result else None,
                    "furniture": [r._asdict() for r in o.result.furniture] if o.result else [],
                }
                if explain
                else {}
            ),
        }
        for o in outcomes
    ]
    from cwprofile.importer.many import STATES

    counts = {state: sum(1 for o in outcomes if o.state == state) for state in STATES}
    columns = ("source", "country", "file", "result", "detail")  # "gaps" is in JSON only

    def records() -> Records:
        if not explain:
            return Records(columns, [tuple(row[c] for c in columns) for row in rows])
        found = []
        for row in rows:
            where = (row["source"], row["country"], row["file"])
            found += [(*where, *(s[k] for k in STATUS_COLUMNS)) for s in row["statuses"]]
            if row["contact"] is not None:  # the contact's row: what it was read from
                found.append(
                    (*where, None, "contact", None, CONTACT_RULE, row["contact"]["sentence"])
                )
            found += [  # each line left out: its reason, where it stood, its text
                (*where, None, "furniture", None, f"{r['reason']}, page {r['page']}", r["text"])
                for r in row["furniture"]
            ]
        return Records((*columns[:3], "code", "indicator", "status", "rule", "sentence"), found)

    def blocks() -> tuple[Block, ...]:
        from cwprofile.blocks import Column, Fields, Lines, Paragraph, Table

        out: list[Block] = []
        for row in rows if explain else ():
            if not row["statuses"]:
                continue
            out.append(
                Table(
                    (
                        Column("Code"),
                        Column("Indicator", "text"),
                        Column("Status"),
                        Column("Rule", "text"),
                        Column("Sentence", "prose"),
                    ),
                    tuple(
                        (
                            s["code"],
                            s["title"],
                            status_cell(s["status"]),
                            s["rule"],
                            s["sentence"] or None,
                        )
                        for s in row["statuses"]
                    ),
                    title=f"How the statuses of {row['country']} were read ({row['source']})",
                    key_columns=2,
                )
            )
            contact = row["contact"]
            out.append(
                Fields(
                    (
                        *((f.label, contact[f.name]) for f in FILE_FIELDS),
                        (
                            "Read from",
                            contact["sentence"] or "no sentence names computer incidents",
                        ),
                        ("Why this name", contact["why"] or None),
                    ),
                    title=f"The contact for computer incidents of {row['country']}",
                )
            )
            if row["furniture"]:
                out.append(
                    Table(
                        (
                            Column("Line"),
                            Column("Page"),
                            Column("Why", "text"),
                            Column("Text", "prose"),
                        ),
                        tuple(
                            (r["line"], r["page"], r["reason"], r["text"]) for r in row["furniture"]
                        ),
                        title=f"Lines left out of {row['country']} as page furniture",
                    )
                )
            if row["detail"]:
                out.append(Lines((f"Gaps: {row['detail']}",)))
        if summary:
            out.append(
                Table(
                    (
                        Column("Input"),
                        Column("Country", "text"),
                        Column("File"),
                        Column("Result"),
                        Column("Detail", "prose"),
                    ),
                    tuple(tuple(row[c] for c in columns) for row in rows),
                    title="Import",
                )
            )
            told = ", ".join(f"{count} {state}" for state, count in counts.items() if count)
            out.append(Paragraph(f"{plural(len(rows), 'profile')}: {told or 'none'}."))
        return tuple(out)

    document = document_of((), profiles=rows, counts=counts)
    return Report("Import", document, blocks, records)


FILE_FIELDS = tuple(f for f in CONTACT_FIELDS if f.derived_from is None)
STATUS_COLUMNS = ("code", "id", "status", "rule", "sentence")
CONTACT_RULE = "the computer-incident sentence"
