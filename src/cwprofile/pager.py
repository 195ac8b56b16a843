"""Long output on a terminal goes through a pager, as git does. Loaded only for a terminal."""

from __future__ import annotations

import os
import sys

PAGER_VARIABLE = "CWPROFILE_PAGER"


def page(text: str) -> bool:
    """Show text taller than the screen through a pager, as git does: `$CWPROFILE_PAGER`, else
    `$PAGER`, else `less` (with LESS=FRX unless set: quit if one screen, keep colours, leave
    the text on screen). Only when stdout is a real terminal. True when the pager showed it."""
    import shlex
    import shutil
    import subprocess

    try:
        if not (sys.stdout.isatty() and sys.stdin.isatty()):
            return False
    except (AttributeError, ValueError):
        return False
    rows = shutil.get_terminal_size().lines
    if text.count("\n") < rows:
        return False
    command = os.environ.get(PAGER_VARIABLE, os.environ.get("PAGER", "less"))
    if not command.strip() or command.strip() == "cat":
        return False
    try:
        arguments = shlex.split(command)
    except ValueError:
        return False
    environment = dict(os.environ)
    environment.setdefault("LESS", "FRX")
    environment.setdefault("LV", "-c")
    try:
        pager = subprocess.Popen(arguments, stdin=subprocess.PIPE, env=environment)
    except OSError:
        return False  # no such pager: print as usual
    import signal

    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the pager's
    try:
        assert pager.stdin is not None
        try:
            pager.stdin.write(text.encode(sys.stdout.encoding or "utf-8", "replace"))
            pager.stdin.close()
        except BrokenPipeError:
            pass  # the reader quit early (q): done, as with `| head`
        pager.wait()
    finally:
        signal.signal(signal.SIGINT, previous)
    return True
