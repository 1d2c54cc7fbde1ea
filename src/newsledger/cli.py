"""The ``newsledger`` command line (CONTRACT.md). Thin: parse, call, print, map errors to exit codes.

Exit codes: 0 success; 1 bad usage or bad option; 2 input or store not usable (one line on stderr).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from newsledger import __version__
from newsledger.config import DEFAULT_BATCH_SIZE, RunSettings, db_path
from newsledger.errors import InputError, NewsledgerError, UsageError

log = logging.getLogger("newsledger")

app = typer.Typer(
    name="newsledger",
    help="Turn raw news pages into clean articles, resolved entities, an evidence-backed event ledger, "
    "stories with lineage, and reconciled facts. See docs/cli.md.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

DbOpt = Annotated[
    str | None,
    typer.Option("--db", help="DuckDB store path (default ./newsledger.duckdb, env NEWSLEDGER_DB)."),
]


class OutFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"


class ExportFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


class Engine(StrEnum):
    local = "local"
    dask = "dask"


class What(StrEnum):
    all = "all"
    documents = "documents"
    entities = "entities"
    events = "events"
    stories = "stories"
    contradictions = "contradictions"
    itineraries = "itineraries"


def _setup_logging(verbose: bool) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger("newsledger")
    root.handlers[:] = [handler]
    root.setLevel(logging.DEBUG if verbose else logging.WARNING)


def _print_version(value: bool) -> None:
    if value:
        typer.echo(__version__)
        raise typer.Exit(0)


@app.callback()
def _main(
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log which rule decided (DEBUG).")] = False,
    version: Annotated[
        bool,
        typer.Option("--version", help="Print the version and exit.", is_eager=True, callback=_print_version),
    ] = False,
) -> None:
    _setup_logging(verbose)


@app.command()
def run(
    inputs: Annotated[
        list[str], typer.Argument(help="Files, directories (recursive) or - for JSONL on stdin.")
    ],
    db: DbOpt = None,
    workers: Annotated[int | None, typer.Option(help="Worker processes (default: CPU cores).", min=1)] = None,
    engine: Annotated[Engine, typer.Option(help="local (process pool) or dask.")] = Engine.local,
    scheduler: Annotated[
        str | None, typer.Option(help="Address of an existing Dask scheduler (with --engine dask).")
    ] = None,
    batch_size: Annotated[int, typer.Option(help="Documents per worker batch.", min=1)] = DEFAULT_BATCH_SIZE,
    device: Annotated[str, typer.Option(help="Embedding device: cpu or cuda.")] = "cpu",
) -> None:
    """Ingest INPUTs and run the whole pipeline into the store, incrementally.

    Ends with one summary line: processed=N rejected=N stories=N events=N ...
    """
    from newsledger.runner import run as run_pipeline
    from newsledger.store import Store

    if scheduler and engine != Engine.dask:
        raise UsageError("--scheduler needs --engine dask")
    n_workers = workers or (os.cpu_count() or 1)
    settings = RunSettings(
        workers=n_workers, engine=engine.value, scheduler=scheduler, batch_size=batch_size, device=device
    )
    with Store(db_path(db)) as store:
        progress, finish = _progress()
        try:
            summary = run_pipeline(store, inputs, settings, progress)
        finally:
            finish()
    typer.echo(summary.line())


def _progress() -> tuple[Any, Any]:
    """A rich progress bar on a terminal, plain log lines otherwise."""
    if sys.stderr.isatty():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            transient=True,
        )
        bar.start()
        tasks: dict[str, Any] = {}

        def update(stage: str, done: int, total: int | None) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        return update, bar.stop

    last: dict[str, int] = {}

    def plain(stage: str, done: int, total: int | None) -> None:
        if total is None and stage == "ingest" and done % 1000:
            return
        if last.get(stage) == done:
            return
        last[stage] = done
        print(f"[{stage}] {done}" + (f"/{total}" if total else ""), file=sys.stderr, flush=True)

    return plain, lambda: None


@app.command()
def clean(
    inputs: Annotated[list[str], typer.Argument(help="Files, directories or - for JSONL on stdin.")],
    format: Annotated[
        OutFormat, typer.Option("--format", help="json (an array) or jsonl.")
    ] = OutFormat.jsonl,
) -> None:
    """Ingest + clean only (no store, no heavy models): one JSON object per document."""
    from newsledger.clean import clean_documents
    from newsledger.ingest import read_inputs
    from newsledger.records import RawDocument, Rejection

    def cleaned(batch: list[RawDocument]) -> Any:
        # page dumps are classified a block at a time; the stage never raises, but never lose a document
        try:
            results = clean_documents(batch)
        except Exception as exc:
            results = [
                Rejection(doc_id=d.id, stage="clean", reason="internal_error", detail=str(exc)) for d in batch
            ]
        for item, res in zip(batch, results, strict=True):
            if isinstance(res, Rejection):
                yield _clean_obj(item.id, None, res)
            else:
                yield _clean_obj(item.id, res, None)

    def objects() -> Any:
        batch: list[RawDocument] = []
        for item in read_inputs(inputs):
            if isinstance(item, Rejection):
                yield from cleaned(batch)
                batch = []
                yield _clean_obj(item.doc_id, None, item)
                continue
            batch.append(item)
            if len(batch) >= 256:  # output keeps flowing on a long input
                yield from cleaned(batch)
                batch = []
        yield from cleaned(batch)

    out = sys.stdout
    if format == OutFormat.json:
        out.write(json.dumps(list(objects()), ensure_ascii=False, indent=1) + "\n")
    else:
        for obj in objects():
            out.write(json.dumps(obj, ensure_ascii=False) + "\n")


def _clean_obj(doc_id: str, c: Any, rej: Any) -> dict[str, Any]:
    if c is None:
        return {
            "id": doc_id,
            "title": None,
            "body": "",
            "published": None,
            "published_evidence": None,
            "outlet": None,
            "agency": None,
            "language": None,
            "status": "rejected",
            "reason": rej.reason,
            "detail": rej.detail,
        }
    ev = c.published_evidence
    return {
        "id": doc_id,
        "title": c.title,
        "body": c.body,
        "published": c.published.isoformat() if c.published else None,
        "published_evidence": {"text": ev.text, "start": ev.start, "end": ev.end} if ev else None,
        "outlet": c.outlet,
        "agency": c.agency,
        "language": c.language,
        "status": "ok",
        "reason": None,
    }


@app.command()
def timex(
    file: Annotated[str, typer.Argument(help="A text file, or - for stdin.")] = "-",
    dct: Annotated[str | None, typer.Option(help="Document creation time YYYY-MM-DD.")] = None,
    format: Annotated[
        OutFormat, typer.Option("--format", help="json: array for one text; jsonl: {id, dct, text} lines.")
    ] = OutFormat.json,
) -> None:
    """Time expressions in a text, normalised against the document creation time (TIMEX3)."""
    from newsledger.annotate.timex import extract_timexes

    def parse_dct(s: str | None) -> dt.date | None:
        if s is None:
            return None
        try:
            return dt.date.fromisoformat(s)
        except ValueError as exc:
            raise UsageError(f"--dct must be YYYY-MM-DD, got {s!r}") from exc

    def as_json(text: str, d: dt.date | None) -> list[dict[str, Any]]:
        return [
            {"start": t.start, "end": t.end, "text": t.text, "type": t.type.value, "value": t.value}
            for t in extract_timexes(text, d)
        ]

    data = _read_text_arg(file)
    if format == OutFormat.jsonl:
        default = parse_dct(dct)
        for lineno, line in enumerate(data.splitlines(), 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                text = obj["text"]
                d = parse_dct(obj.get("dct")) if obj.get("dct") else default
            except (json.JSONDecodeError, KeyError, TypeError) as exc:
                raise InputError(f'line {lineno}: expected {{"id", "dct", "text"}}: {exc}') from exc
            sys.stdout.write(
                json.dumps({"id": obj.get("id"), "timexes": as_json(text, d)}, ensure_ascii=False) + "\n"
            )
        return
    if dct is None:
        raise UsageError("--dct YYYY-MM-DD is required")
    sys.stdout.write(json.dumps(as_json(data, parse_dct(dct)), ensure_ascii=False, indent=1) + "\n")


def _read_text_arg(file: str) -> str:
    if file == "-":
        return sys.stdin.read()
    p = Path(file)
    if not p.is_file():
        raise InputError(f"input not found: {file}", path=file)
    from newsledger.ingest.decode import NotText, decode_bytes

    try:
        return decode_bytes(p.read_bytes())[0]
    except NotText as exc:
        raise InputError(f"{file} is not text ({exc.kind})", path=file) from exc


@app.command()
def export(
    db: DbOpt = None,
    what: Annotated[What, typer.Option(help="Which table(s).")] = What.all,
    format: Annotated[
        ExportFormat, typer.Option("--format", help="json, jsonl, csv or parquet.")
    ] = ExportFormat.json,
    out: Annotated[
        str | None, typer.Option(help="Output file (json/jsonl) or directory (csv/parquet); default stdout.")
    ] = None,
) -> None:
    """Export the ledger (documents, entities, events, stories, contradictions, itineraries)."""
    from newsledger.export import to_json, write_jsonl, write_tables
    from newsledger.store import Store
    from newsledger.store.ledger import KEYS, build

    keys = KEYS if what == What.all else (what.value,)
    single = None if what == What.all else what.value
    if format in (ExportFormat.csv, ExportFormat.parquet) and not out:
        raise UsageError(f"--format {format.value} writes one file per table: give --out DIRECTORY")
    with Store(db_path(db), read_only=True) as store:
        ledger = build(store, keys)
    if format == ExportFormat.json:
        text = to_json(ledger, single)
        if out:
            Path(out).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
    elif format == ExportFormat.jsonl:
        if out:
            with open(out, "w", encoding="utf-8") as fh:
                write_jsonl(ledger, fh, single)
        else:
            write_jsonl(ledger, sys.stdout, single)
    else:
        assert out is not None
        for p in write_tables(ledger, Path(out), format.value):
            typer.echo(str(p), err=True)


@app.command()
def report(
    db: DbOpt = None,
    out: Annotated[str, typer.Option(help="Where to write the static HTML report.")] = "out/report.html",
) -> None:
    """Write the static HTML report (stories, timelines, itineraries, sources, contradictions, summaries)."""
    from newsledger.export.report import render_report
    from newsledger.store import Store
    from newsledger.store.ledger import build, contradictions, timelines

    with Store(db_path(db), read_only=True) as store:
        ledger: dict[str, Any] = dict(build(store))
        ledger["timelines"] = timelines(store)
        ledger["findings"] = contradictions(
            store, ("contradiction", "compatible", "agreement", "single_source")
        )
    path = Path(out)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(render_report(ledger), encoding="utf-8")
    typer.echo(str(path), err=True)


@app.command()
def events(
    db: DbOpt = None,
    actor: Annotated[str | None, typer.Option(help="Only events with this actor (name or alias).")] = None,
    type: Annotated[str | None, typer.Option("--type", help="Only this PLOVER type, e.g. CONSULT.")] = None,
    date_from: Annotated[str | None, typer.Option("--from", help="Only events on/after YYYY-MM-DD.")] = None,
    date_to: Annotated[str | None, typer.Option("--to", help="Only events on/before YYYY-MM-DD.")] = None,
    format: Annotated[str, typer.Option("--format", help="table or json.")] = "table",
) -> None:
    """The event ledger as a table, filtered by actor, type and date range."""
    from newsledger.events.view import format_events_table
    from newsledger.records import Event
    from newsledger.store import Store

    def day(s: str | None, opt: str) -> dt.date | None:
        try:
            return dt.date.fromisoformat(s) if s else None
        except ValueError as exc:
            raise UsageError(f"{opt} must be YYYY-MM-DD, got {s!r}") from exc

    if format not in ("table", "json"):
        raise UsageError("--format must be table or json")
    with Store(db_path(db), read_only=True) as store:
        evs = store.corpus("events", Event)
    rows = format_events_table(
        evs, actor=actor, type=type, date_from=day(date_from, "--from"), date_to=day(date_to, "--to")
    )
    if format == "json":
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=1, default=str) + "\n")
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(show_lines=False)
    cols = list(rows[0]) if rows else ["id", "type", "mode", "actors", "place", "date"]
    for c in cols:
        table.add_column(c)
    for r in rows:
        table.add_row(
            *[", ".join(map(str, v)) if isinstance(v, (list, tuple)) else str(v) for v in r.values()]
        )
    Console(width=200).print(table)


@app.command()
def serve(
    db: DbOpt = None,
    host: Annotated[str, typer.Option(help="Bind address (loopback unless told otherwise).")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="TCP port.", min=1, max=65535)] = 8000,
) -> None:
    """Serve the web UI at / and the JSON API under /api/ (OpenAPI at /openapi.json), read-only."""
    import uvicorn

    from newsledger.store import Store
    from newsledger.store.ledger import with_annotations
    from newsledger.web import create_app
    from newsledger.web.reader import JsonLedgerReader

    with Store(db_path(db), read_only=True) as store:  # a read-only snapshot: the store stays free
        reader = JsonLedgerReader(with_annotations(store))
    typer.echo(f"serving http://{host}:{port}/ (Ctrl-C to stop)", err=True)
    uvicorn.run(create_app(reader), host=host, port=port, log_level="warning")


def main() -> None:
    """Console entry point: runs the app and maps errors to CONTRACT.md's exit codes."""
    try:
        app(standalone_mode=False)
    except NewsledgerError as exc:
        print(f"newsledger: error: {exc.message}", file=sys.stderr)
        sys.exit(exc.exit_code)
    except typer.Exit as exc:
        sys.exit(exc.exit_code)
    except typer.Abort:
        print("newsledger: aborted", file=sys.stderr)
        sys.exit(1)
    except typer.TyperException as exc:  # click's usage errors: bad usage or a bad option value
        show = getattr(exc, "show", None)
        if callable(show):
            show()
        else:
            print(f"newsledger: error: {exc}", file=sys.stderr)
        code = getattr(exc, "exit_code", 1)
        sys.exit(0 if code == 0 else 1)
    except BrokenPipeError:
        sys.exit(0)
    sys.exit(0)
