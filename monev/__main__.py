import sys

from monev.cli import main

sys.exit(main())
