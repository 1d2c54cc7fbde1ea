"""newsledger: raw news pages in, an evidence-backed ledger of facts out."""

import logging
import os

__version__ = "0.1.0"

# torch's OpenMP threads (the sentence encoder in the parent's corpus stages) sleep while they wait instead
# of spinning. libgomp reads this once, when torch is first imported, so it is set here, before any import of
# torch. With another process busy on the 2-core machine, spinning threads encoded 2,000 short sentences in
# 43.5 s wall (21.9 ms of CPU a sentence) instead of 6.6 s (3.3 ms). A user's own setting wins.
os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")

logging.getLogger(__name__).addHandler(logging.NullHandler())
