"""``python -m convert`` is the ``speechpress`` command."""

from .cli import main

main()
