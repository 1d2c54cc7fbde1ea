"""CLI: every command and option documented, exit codes per CONTRACT.md."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import typer.main

from newsledger.cli import app

REPO = Path(__file__).resolve().parents[2]
DOC = (REPO / "docs" / "cli.md").read_text(encoding="utf-8")


def _cli(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "newsledger", *args],
        capture_output=True,
        text=True,
        input=stdin,
        timeout=300,
        cwd=cwd,
    )


def test_every_command_and_option_is_documented() -> None:
    group = typer.main.get_command(app)
    commands = group.commands  # type: ignore[attr-defined]
    assert {"run", "clean", "timex", "export", "serve"} <= set(commands)
    for name, cmd in commands.items():
        assert f"`newsledger {name}" in DOC, f"command {name} missing from docs/cli.md"
        for param in cmd.params:
            for opt in param.opts:
                if opt.startswith("--"):
                    assert opt in DOC, f"option {opt} of {name} missing from docs/cli.md"


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (("run", "--bogus"), 1),
        (("export", "--format", "xml"), 1),
        (("export", "--what", "nothing"), 1),
        (("timex", "-", "--dct", "2024-13-45"), 1),
        (("export", "--format", "csv"), 1),
        (("run", "/definitely/not/here"), 2),
        (("export", "--db", "/definitely/not/here.duckdb"), 2),
        (("--version",), 0),
        (("--help",), 0),
    ],
)
def test_exit_codes(args: tuple[str, ...], code: int, tmp_path: Path) -> None:
    proc = _cli(*args, "--db", str(tmp_path / "x.duckdb")) if args[0] == "run" else _cli(*args, stdin="")
    assert proc.returncode == code, proc.stdout + proc.stderr
    if code == 2:
        assert proc.stderr.strip().count("\n") == 0 and "error" in proc.stderr


def test_store_errors_say_which_and_why(tmp_path: Path) -> None:
    proc = _cli("export", "--db", str(tmp_path / "missing.duckdb"))
    assert proc.returncode == 2 and re.search(r"store not found: .*missing\.duckdb", proc.stderr)


def test_clean_is_light_and_never_loses_a_document(tmp_path: Path) -> None:
    (tmp_path / "bin.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    (tmp_path / "ok.txt").write_text("A headline\n\nSome words that make up a short article body here.\n")
    code = (
        "import sys, json\n"
        "from newsledger.cli import main\n"
        f"sys.argv=['newsledger','clean',{str(tmp_path)!r},'--format','json']\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in ('torch', 'spacy'))\n"
        "print(json.dumps(heavy), file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    objs = json.loads(proc.stdout)
    assert {o["id"] for o in objs} == {"bin", "ok"}
    by_id = {o["id"]: o for o in objs}
    assert by_id["bin"]["status"] == "rejected" and by_id["bin"]["reason"] == "binary"
    assert json.loads(proc.stderr.strip().splitlines()[-1]) == []  # neither torch nor spaCy imported
