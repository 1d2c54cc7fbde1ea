"""Engines run the per-document pipeline over batches: ``local`` (a process pool) or ``dask``.

Both take an iterable of batches of raw documents and yield, per batch, the list of
``DocumentResult``s in input order; they keep at most a few batches in flight (bounded memory).
Dask is imported only when that engine is chosen.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from newsledger.pipeline import DocumentResult, PipelineSettings
from newsledger.records import RawDocument


def run_batches(
    batches: Iterable[Sequence[RawDocument]],
    *,
    engine: str = "local",
    workers: int = 1,
    scheduler: str | None = None,
    settings: PipelineSettings | None = None,
) -> Iterator[list[DocumentResult]]:
    settings = settings or PipelineSettings()
    if engine == "dask":
        from newsledger.engine.dask import run_dask

        return run_dask(batches, workers=workers, scheduler=scheduler, settings=settings)
    from newsledger.engine.local import run_local

    return run_local(batches, workers=workers, settings=settings)
