"""The parent's torch threads sleep while they wait (OMP_WAIT_POLICY=PASSIVE) unless the user sets it."""

from __future__ import annotations

import os
import subprocess
import sys

CODE = "import os, newsledger; print(os.environ['OMP_WAIT_POLICY'])"


def _policy(env: dict[str, str]) -> str:
    out = subprocess.run([sys.executable, "-c", CODE], env=env, capture_output=True, text=True, check=True)
    return out.stdout.strip()


def test_engine_openmp_threads_sleep_by_default_and_a_user_setting_wins() -> None:
    env = {k: v for k, v in os.environ.items() if k != "OMP_WAIT_POLICY"}
    assert _policy(env) == "PASSIVE"
    assert _policy(env | {"OMP_WAIT_POLICY": "ACTIVE"}) == "ACTIVE"
