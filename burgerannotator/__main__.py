import sys

from burgerannotator.cli import main

sys.exit(main())
