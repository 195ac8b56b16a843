"""YAML output: the same document as JSON, written as profile files are (`yamltext.py`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cwprofile.yamltext import dumps

if TYPE_CHECKING:
    from cwprofile.formats import Target
    from cwprofile.reports.report import Report


def render(report: Report, target: Target) -> str:
    return report.yaml if report.yaml is not None else dumps(report.document)
