"""Long output on a terminal goes through a pager, as git, bat and delta do. Loaded only for
a terminal.

The pager is `$CWPROFILE_PAGER`, else `$PAGER`, else `less`. less is given `-R` on its
command line (colours, not raw escape codes), and `-F -X` too when the user has no `LESS`
of their own (quit if it fits, leave the text on the screen): a personal `LESS=-i` still
applies, and the colours still show. A pager not known to take colours gets plain text.
"""

from __future__ import annotations

import os
import sys
from typing import NamedTuple

PAGER_VARIABLE = "CWPROFILE_PAGER"
# Pagers that show the SGR colour codes of a terminal (given `-R`, less does).
COLOUR_PAGERS = frozenset({"less", "moar", "ov", "most", "lv", "bat", "delta"})


class Pager(NamedTuple):
    arguments: list[str]
    colours: bool  # shows colour codes as colours (else: give it plain text)
    environment: dict[str, str]


def pager() -> Pager | None:
    """The pager to use, or None: no terminal on both ends, paging turned off, or a command
    that cannot be read."""
    import shlex

    try:
        if not (sys.stdout.isatty() and sys.stdin.isatty()):
            return None
    except (AttributeError, ValueError):
        return None
    command = os.environ.get(PAGER_VARIABLE, os.environ.get("PAGER", "less"))
    if not command.strip() or command.strip() == "cat":
        return None
    try:
        arguments = shlex.split(command)
    except ValueError:
        return None
    name = os.path.basename(arguments[0])
    environment = dict(os.environ)
    if name == "less":
        arguments += ["-R"] if "LESS" in os.environ else ["-R", "-F", "-X"]
    elif name == "lv":
        environment.setdefault("LV", "-c")
    return Pager(arguments, name in COLOUR_PAGERS, environment)


def page(text: str, chosen: Pager) -> bool:
    """Show text taller than the screen through the pager. True when the pager showed it."""
    import shutil
    import signal
    import subprocess

    if text.count("\n") < shutil.get_terminal_size().lines:
        return False
    try:
        process = subprocess.Popen(chosen.arguments, stdin=subprocess.PIPE, env=chosen.environment)
    except OSError:
        return False  # no such pager: print as usual
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the pager's
    try:
        assert process.stdin is not None
        try:
            process.stdin.write(text.encode(sys.stdout.encoding or "utf-8", "replace"))
            process.stdin.close()
        except BrokenPipeError:
            pass  # the reader quit early (q): done, as with `| head`
        process.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    return True
