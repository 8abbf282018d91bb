import sys

from jtai.planning.cli import main

sys.exit(main())
