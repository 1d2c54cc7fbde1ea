"""Errors for bad usage, configuration or store. Each holds its facts as attributes and pickles cleanly.

``cli.py`` maps :class:`UsageError` to exit code 1 and :class:`InputError`/:class:`StoreError` to exit
code 2, printing one line on stderr. Bad *documents* never raise: they become ``Rejection`` records.
"""

from __future__ import annotations


class NewsledgerError(Exception):
    """Base class. ``exit_code`` is what the CLI exits with."""

    exit_code = 2

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __reduce__(self) -> tuple[type, tuple[str]]:
        return (type(self), (self.message,))


class UsageError(NewsledgerError):
    """Bad usage or a bad option value (exit 1)."""

    exit_code = 1


class InputError(NewsledgerError):
    """An input path that cannot be used at all (missing, unreadable); exit 2."""

    def __init__(self, message: str, path: str = "") -> None:
        super().__init__(message)
        self.path = path

    def __reduce__(self) -> tuple[type, tuple[str, str]]:  # type: ignore[override]
        return (type(self), (self.message, self.path))


class StoreError(NewsledgerError):
    """The store cannot be opened or used (in use by another run, corrupt, newer schema); exit 2."""

    def __init__(self, message: str, path: str = "") -> None:
        super().__init__(message)
        self.path = path

    def __reduce__(self) -> tuple[type, tuple[str, str]]:  # type: ignore[override]
        return (type(self), (self.message, self.path))


class StoreInUseError(StoreError):
    """Another process holds the store's write lock."""
