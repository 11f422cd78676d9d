"""The ``netcli`` console script.

``--version`` answers before Typer and the rest load: shell scripts call it to probe, and
start-up is paid on every command of a batch.

Ctrl-C is answered from the first instruction: until the command's own handling takes over
(``cli.app``), an interrupt during start-up (the heavy imports) ends with one line and exit
130, never a traceback — nothing can have been saved yet.
"""

import _signal
import os
import sys

from netcli import _interrupted_at_start

try:
    _signal.signal(_signal.SIGINT, _interrupted_at_start)  # (again, if netcli/__init__ did)
except ValueError:  # not the main thread (an embedding program): leave its handler
    pass


def _standard_streams() -> None:
    """A closed stdin, stdout or stderr (``netcli … >&-``) becomes the null device: otherwise
    the next file opened (the database!) would get that descriptor and printed text would be
    written into it, and Python's ``sys.stdout`` would be None."""
    for fd, name, mode in ((0, "stdin", "r"), (1, "stdout", "w"), (2, "stderr", "w")):
        try:
            os.fstat(fd)
            continue
        except OSError:
            pass
        try:
            got = os.open(os.devnull, os.O_RDWR)
            if got != fd:
                os.dup2(got, fd)
                os.close(got)
            if getattr(sys, name) is None:
                setattr(sys, name, open(fd, mode, encoding="utf-8", closefd=False))
        except OSError:
            pass


def main() -> None:
    """Run the CLI; exit status 0 done, 1 refused input, 2 bad command line."""
    _standard_streams()
    if sys.argv[1:] in (["--version"], ["-V"]):
        from netcli import __version__

        sys.stdout.write(f"netcli {__version__}\n")
        return
    from netcli.cli.app import run

    if _signal.getsignal(_signal.SIGINT) is _interrupted_at_start:
        # From here on Ctrl-C is a KeyboardInterrupt that the command answers truthfully
        # (rolled back: nothing saved; after a commit: what was done).
        _signal.signal(_signal.SIGINT, _signal.default_int_handler)
    run()
