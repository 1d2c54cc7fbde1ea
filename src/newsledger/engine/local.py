"""Local engine: in-process for one worker, else two pools of spawned processes that hold different models.

Loading both models in every worker doubles what they cost: a worker with spaCy and the sentence encoder
holds ~675 MB after its first batches, and the two libraries' shares are very unequal: spaCy with its model
is ~150 MB in a process where torch is never imported, ~330 MB where thinc finds torch; torch plus
sentence-transformers and MiniLM are ~490 MB. So with ``workers >= 2`` the engine runs

* *text* workers (``workers // 2``): clean, annotate and events (:func:`newsledger.pipeline.text_stages`),
  in processes where importing torch is blocked, so thinc runs on numpy alone;
* *model* workers (the rest): the embed stage for the text workers' output
  (:func:`newsledger.pipeline.embed_stage`) and, on a GPU, where embedding is much the cheaper half,
  whole batches (:func:`newsledger.pipeline.process_batch`) when no embedding is waiting;
* on the CPU, where embedding is the dearer half, a text worker that would otherwise wait for the model
  workers embeds a finished batch itself (:func:`embed_in_text_worker`; torch is let in there only after
  spaCy's backend was chosen without it).

Results are the same as ``process_batch`` on each batch, yielded in input order, whichever worker
embedded a batch (the same code on the same batch, one thread each). Measured with 2 workers on 2,000
Reuters articles (Intel Xeon, 2 cores), against both models in every worker: peak RSS of the process tree
1,957 -> 1,205 MB at the same speed (960 articles, alternating rounds: 13.8 and 13.8 docs/s split, 14.6 and
13.4 with both models in each worker; ``split_models=False`` keeps that layout). On the AMD EPYC (AVX512-BF16;
text stages ~37 ms of CPU an article, embedding ~47 ms), 2,000 articles in alternating runs: the
per-document phase took 103.3 and 105.6 s while the text worker waited for the model worker and 89.5 and
89.2 s with it embedding too (the same outputs); the peak rose from 1.26-1.28 to 1.76 GB, as the text worker
now holds the encoder and the model worker no longer loads spaCy.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import sys
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

from newsledger.pipeline import (
    DocumentResult,
    EmbedOutcome,
    PipelineSettings,
    TextStagesResult,
    embed_stage,
    finish_batch,
    process_batch,
    text_stages,
)
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
    # oneDNN keeps a primitive per operation and shape, up to 1,024: batches of every sequence length make
    # an encoding worker's memory creep (50 batches of 16 articles, one thread: 521 -> 586 MB; with 16 at
    # most, 521 -> 564 MB, at the same speed: 41.0 vs 42.0 s of CPU)
    os.environ.setdefault("ONEDNN_PRIMITIVE_CACHE_CAPACITY", "16")


def init_text_worker(parent: int | None = None) -> None:
    """A text worker: as :func:`init_worker`, and torch cannot be imported (thinc then uses numpy only).

    thinc imports torch whenever it is installed, which costs ~180 MB of resident memory per process that
    the text stages never use; a ``None`` in ``sys.modules`` makes ``import torch`` raise ImportError.
    """
    init_worker(parent)
    sys.modules.setdefault("torch", None)  # type: ignore[arg-type]
    from newsledger.annotate import keep_lexemes

    keep_lexemes()  # replaced after WORKER_MAX_BATCHES batches: what spaCy's vocabulary keeps is bounded


def embed_in_text_worker(items: Sequence[tuple[str, str]], settings: PipelineSettings) -> list[EmbedOutcome]:
    """:func:`newsledger.pipeline.embed_stage` in a text worker, for when the model workers fall behind.

    thinc decides once, when it is first imported, whether torch is there; it is imported first with
    torch still blocked, so the text stages keep running on numpy alone, and then torch is let in for the
    sentence encoder (the worker holds both models from then on: ~490 MB more). The vectors are the same
    as a model worker's: the same code on the same batch, one thread in both.
    """
    import thinc.compat  # noqa: F401  (with torch blocked: has_torch is False for good)

    if "torch" in sys.modules and sys.modules["torch"] is None:
        del sys.modules["torch"]
    return embed_stage(items, settings)


# A worker is replaced by a fresh one after this many batches. Freed memory goes back to the OS after each
# batch (textkit.memory.trim_heap), but the text stages' memo caches (entity-name folding, the fast attribute
# ruler's and lemmatizer's memos) still grow, ~20 KB per article (tracemalloc over 480 articles: +9.6 MB),
# and so do spaCy's strings and lexemes, which a text worker keeps across batches (annotate.keep_lexemes:
# +5 MB of peak RSS over 1,600 articles); 400 batches of 16 bound that, for one model load (~5 s) per 6,400
# articles per worker.
WORKER_MAX_BATCHES = 400


@dataclass(slots=True, eq=False)
class _Slot:
    """One batch on its way through the pools; results leave in the order slots were made."""

    raws: list[RawDocument]
    text_future: Future[TextStagesResult] | None = None
    text: TextStagesResult | None = None
    embed_future: Future[list[EmbedOutcome]] | None = None
    embed_on_text: bool = False  # the embedding runs in a text worker
    whole_future: Future[list[DocumentResult]] | None = None
    results: list[DocumentResult] | None = None


def run_local(
    batches: Iterable[Sequence[RawDocument]],
    *,
    workers: int,
    settings: PipelineSettings,
    max_batches_per_worker: int = WORKER_MAX_BATCHES,
    split_models: bool = True,
) -> Iterator[list[DocumentResult]]:
    """``split_models=False``: one pool whose workers each run the whole pipeline (both models loaded)."""
    if workers <= 1:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        for batch in batches:
            yield process_batch(list(batch), settings)
        return
    if not split_models:
        yield from _run_whole(batches, workers, settings, max_batches_per_worker)
        return
    n_text = workers // 2
    n_model = workers - n_text
    with (
        _pool(n_text, init_text_worker, max_batches_per_worker) as text_pool,
        _pool(n_model, init_worker, max_batches_per_worker) as model_pool,
    ):
        yield from _schedule(iter(batches), text_pool, n_text, model_pool, n_model, settings)


def _pool(size: int, initializer: Callable[[int | None], None], max_tasks: int) -> ProcessPoolExecutor:
    """Spawned workers (no fork: torch and DuckDB threads in the parent), each exiting with the parent."""
    return ProcessPoolExecutor(
        max_workers=size,
        mp_context=mp.get_context("spawn"),
        initializer=initializer,
        initargs=(os.getpid(),),
        max_tasks_per_child=max_tasks,
    )


def _run_whole(
    batches: Iterable[Sequence[RawDocument]],
    workers: int,
    settings: PipelineSettings,
    max_batches_per_worker: int,
) -> Iterator[list[DocumentResult]]:
    with _pool(workers, init_worker, max_batches_per_worker) as pool:
        inflight: deque[Future[list[DocumentResult]]] = deque()
        for batch in batches:
            inflight.append(pool.submit(process_batch, list(batch), settings))
            if len(inflight) >= workers * 2:
                yield inflight.popleft().result()
        while inflight:
            yield inflight.popleft().result()


def _schedule(
    batches: Iterator[Sequence[RawDocument]],
    text_pool: ProcessPoolExecutor,
    n_text: int,
    model_pool: ProcessPoolExecutor,
    n_model: int,
    settings: PipelineSettings,
) -> Iterator[list[DocumentResult]]:
    """Keep both pools busy with at most two tasks per worker; yield finished batches in input order.

    A model worker takes, in this order of preference: the embedding of a batch the text workers have
    finished, else (not on the CPU, where loading spaCy beside the encoder would only cost memory) a whole
    batch. A text worker takes a new batch, unless more than two per model worker wait for their embedding
    (or no batch is left to take): then it embeds the oldest of them itself, so neither kind of worker
    waits for the other and memory stays bounded.
    """
    order: deque[_Slot] = deque()
    waiting_embed: deque[_Slot] = deque()  # text stages done, embedding not yet submitted
    text_busy = model_busy = 0
    exhausted = False
    max_slots = 4 * (n_text + n_model) + 4

    def next_slot() -> _Slot | None:
        nonlocal exhausted
        if exhausted or len(order) >= max_slots:
            return None
        batch = next(batches, None)
        if batch is None:
            exhausted = True
            return None
        slot = _Slot(list(batch))
        order.append(slot)
        return slot

    while True:
        for s in order:  # collect what finished, in input order
            if s.text_future is not None and s.text_future.done():
                s.text, s.text_future = s.text_future.result(), None
                text_busy -= 1
                waiting_embed.append(s)
            elif s.embed_future is not None and s.embed_future.done():
                assert s.text is not None
                s.results = finish_batch(s.text, s.embed_future.result())
                s.embed_future, s.text = None, None
                if s.embed_on_text:
                    text_busy -= 1
                else:
                    model_busy -= 1
            elif s.whole_future is not None and s.whole_future.done():
                s.results, s.whole_future = s.whole_future.result(), None
                model_busy -= 1
        while model_busy < 2 * n_model:
            if waiting_embed:
                slot = waiting_embed.popleft()
                assert slot.text is not None
                slot.embed_future = model_pool.submit(embed_stage, slot.text.embed_input, settings)
            else:
                if settings.device == "cpu" or (text_busy < 2 * n_text and not exhausted):
                    break  # the text workers take the next batch (on the CPU, also the embeddings)
                new = next_slot()
                if new is None:
                    break
                new.whole_future = model_pool.submit(process_batch, new.raws, settings)
            model_busy += 1
        while text_busy < 2 * n_text:
            # embedding behind (more waiting than the model workers hold) or nothing else to take: the text
            # worker embeds the oldest finished batch itself
            new = None if len(waiting_embed) > 2 * n_model else next_slot()
            if new is not None:
                new.text_future = text_pool.submit(text_stages, new.raws)
            elif waiting_embed:
                slot = waiting_embed.popleft()
                assert slot.text is not None
                slot.embed_future = text_pool.submit(embed_in_text_worker, slot.text.embed_input, settings)
                slot.embed_on_text = True
            else:
                break
            text_busy += 1
        while order and order[0].results is not None:
            ready = order.popleft().results
            assert ready is not None
            yield ready
        if not order and exhausted:
            return
        pending: list[Future[Any]] = [
            f
            for s in order
            for f in (s.text_future, s.embed_future, s.whole_future)
            if f is not None and not f.done()
        ]
        if pending:
            wait(pending, return_when=FIRST_COMPLETED)
