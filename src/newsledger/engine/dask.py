"""Dask engine: the same per-document pipeline mapped over batches on a Dask cluster.

``scheduler=None`` starts a ``LocalCluster`` of ``workers`` single-threaded worker processes; an address
(``tcp://host:8786``) uses an existing cluster, whose workers need newsledger installed. Results come back
in input order, so the store receives exactly what the local engine would give.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from newsledger.errors import UsageError
from newsledger.pipeline import DocumentResult, PipelineSettings, process_batch
from newsledger.records import RawDocument


def _process(batch: list[RawDocument], settings: PipelineSettings) -> list[DocumentResult]:
    from newsledger.engine.local import init_worker

    init_worker()
    return process_batch(batch, settings)


def run_dask(
    batches: Iterable[Sequence[RawDocument]],
    *,
    workers: int,
    scheduler: str | None,
    settings: PipelineSettings,
) -> Iterator[list[DocumentResult]]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - installed with the package
        raise UsageError("the dask engine needs the 'distributed' package") from exc
    cluster: Any = None
    if scheduler:
        client = Client(scheduler)  # type: ignore[no-untyped-call]
    else:
        cluster = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=max(1, workers), threads_per_worker=1, processes=True, dashboard_address=None
        )
        client = Client(cluster)  # type: ignore[no-untyped-call]
    try:
        inflight: deque[Any] = deque()
        limit = max(2, 2 * max(1, workers))
        for batch in batches:
            inflight.append(client.submit(_process, list(batch), settings, pure=False))
            if len(inflight) >= limit:
                yield inflight.popleft().result()
        while inflight:
            yield inflight.popleft().result()
    finally:
        client.close()  # type: ignore[no-untyped-call]
        if cluster is not None:
            cluster.close()
