"""Sub-commands of the ``burgerannotator`` CLI, one module per group; see cli.py."""
