"""netcli: a command-line record keeper for Thai social-development networks."""

import sys as _sys

__version__ = "0.1.0"


def _interrupted_at_start(signum: int, frame: object) -> None:
    """Ctrl-C before a command runs: nothing can have been saved; one line, exit 130."""
    import os

    try:
        message = (
            "ผิดพลาด (error): ยกเลิกแล้ว ไม่มีการเปลี่ยนแปลงใดถูกบันทึก (interrupted; nothing was saved)\n"
        )
        os.write(2, message.encode("utf-8"))
    finally:
        os._exit(130)


# Run as a program (``python -m netcli`` or the ``netcli`` script), Ctrl-C is answered from
# the package's first instruction (netcli.entry hands it over to the command's own handling);
# imported as a library, signals are left alone. _signal (C) rather than signal, which imports
# enum: long enough for a Ctrl-C to land inside it.
if _sys.argv and (_sys.argv[0] == "-m" or _sys.argv[0].lower().endswith(("netcli", "netcli.exe"))):
    import _signal

    try:
        _signal.signal(_signal.SIGINT, _interrupted_at_start)
    except ValueError:  # not the main thread
        pass
