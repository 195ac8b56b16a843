"""Shell completion: every name a command accepts, from every folder on the command line.
Loaded only when a shell asks for completions."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import typer

from cwprofile.errors import CwprofileError


def matching(names: Iterable[str], incomplete: str) -> list[str]:
    """The names that start with what was typed. Shells keep only what starts with the typed
    text, case and all; lookups ignore case, so `cam` completes to `cambodia`, `Cam` to
    `Cambodia` and `kh` to `kh`. Bash inserts a completion as it is, so a name with spaces
    comes to it escaped (`united\\ kingdom`), one word of the command line; zsh and fish
    escape what they insert themselves."""
    typed = incomplete.replace("\\", "").strip("'\"")
    typed_lower = typed == typed.lower()
    found = (
        name.lower() if typed_lower else name
        for name in names
        if name.casefold().startswith(typed.casefold())
    )
    return [_for_the_shell(name) for name in dict.fromkeys(found)]


def _for_the_shell(name: str) -> str:
    import os
    import re

    if "bash" not in os.environ.get("_CWPROFILE_COMPLETE", ""):
        return name
    return re.sub(r"([^A-Za-z0-9_.,:@%+=/-])", r"\\\1", name)


def given(ctx: typer.Context, name: str) -> list[Any]:
    """An option's values on the command line, before or after the command."""
    values: list[Any] = []
    context: typer.Context | None = ctx
    while context is not None:
        value = context.params.get(name)
        values += value if isinstance(value, list | tuple) else [value] if value else []
        context = context.parent  # type: ignore[assignment]
    return values


def countries(ctx: typer.Context, incomplete: str) -> list[str]:
    """Names and ISO codes of the profiles in every folder given (-p before or after the
    command, CWPROFILE_PATH), leaving out those already typed; a country's other names
    from the table of names too (what `show` finds it by)."""
    from cwprofile.library import load

    try:
        library = load([Path(p) for p in given(ctx, "profiles_dir")])
    except CwprofileError:
        return []
    from cwprofile.countries import names_of

    typed = {name.casefold() for name in given(ctx, "country")}
    names = [
        name
        for entry in library.entries
        if not typed & {entry.name.casefold(), entry.iso2.casefold(), entry.iso3.casefold()}
        # its own name, its codes, and every name the table knows it by (`Lao P.D.R.`)
        for name in (entry.name, entry.iso2, entry.iso3, *names_of(entry.iso2))
    ]
    return matching(names, incomplete)


def indicators(incomplete: str) -> list[str]:
    """Indicator ids, codes and aliases."""
    from cwprofile.catalog import INDICATORS

    return matching(
        (name for i in INDICATORS for name in (i.id, i.code, *i.aliases) if " " not in name),
        incomplete,
    )


def parts(incomplete: str) -> list[str]:
    """What --section takes: sections, pillars and indicators, by code or id."""
    from cwprofile.catalog import part_names

    return matching(part_names(), incomplete)


def schemas(incomplete: str) -> list[str]:
    from cwprofile.reports.schemas import SCHEMAS

    return [name for name in SCHEMAS if name.startswith(incomplete.lower())]
