"""newsledger: raw news pages in, an evidence-backed ledger of facts out."""

import logging

__version__ = "0.1.0"

logging.getLogger(__name__).addHandler(logging.NullHandler())
