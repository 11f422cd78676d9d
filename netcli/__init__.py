"""netcli: a command-line record keeper for Thai social-development networks."""

__version__ = "0.1.0"
