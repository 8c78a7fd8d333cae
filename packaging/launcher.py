"""The packaged app's entry point: the same as `python -m vrlearn`."""

import sys

from vrlearn.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
