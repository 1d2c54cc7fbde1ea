"""Local engine: in-process for one worker, else a spawn-context process pool (models once per worker)."""

from __future__ import annotations

import multiprocessing as mp
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor

from newsledger.pipeline import DocumentResult, PipelineSettings, process_batch
from newsledger.records import RawDocument


def _exit_with_parent(parent: int) -> None:
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:  # the run was killed: do not linger holding the models' memory
            os._exit(1)


def init_worker(parent: int | None = None) -> None:
    """Each worker uses one thread for torch/BLAS: the pool, not the libraries, provides parallelism.

    A worker also exits on its own once its parent is gone (a killed run left idle workers behind).
    """
    if parent is not None:  # given by the parent: a worker may start after its parent has already died
        threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    for var in ("OMP_NUM_THREADS", "MKL_NUM_THREADS", "OPENBLAS_NUM_THREADS"):
        os.environ[var] = "1"
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")


# A worker is replaced by a fresh one after this many batches. Freed memory goes back to the OS after each
# batch (textkit.memory.trim_heap), but what spaCy keeps (every new string enters its vocabulary) still
# grows, ~30 KB per article (one worker, 1,280 articles: 674 -> 709 MB); 400 batches of 16 bound that at
# ~200 MB, for one model load (~5 s) per 6,400 articles per worker.
WORKER_MAX_BATCHES = 400


def run_local(
    batches: Iterable[Sequence[RawDocument]],
    *,
    workers: int,
    settings: PipelineSettings,
    max_batches_per_worker: int = WORKER_MAX_BATCHES,
) -> Iterator[list[DocumentResult]]:
    if workers <= 1:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        for batch in batches:
            yield process_batch(list(batch), settings)
        return
    ctx = mp.get_context("spawn")
    with ProcessPoolExecutor(
        max_workers=workers,
        mp_context=ctx,
        initializer=init_worker,
        initargs=(os.getpid(),),
        max_tasks_per_child=max_batches_per_worker,
    ) as pool:
        inflight: deque[Future[list[DocumentResult]]] = deque()
        for batch in batches:
            inflight.append(pool.submit(process_batch, list(batch), settings))
            if len(inflight) >= workers * 2:
                yield inflight.popleft().result()
        while inflight:
            yield inflight.popleft().result()
