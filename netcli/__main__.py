"""``python -m netcli``."""

from netcli.entry import main

if __name__ == "__main__":
    main()
