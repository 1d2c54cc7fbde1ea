"""Records <-> JSON-compatible values, driven by the dataclass type hints (the store's only codec).

``to_jsonable`` turns a record (nested dataclasses, tuples, dates, StrEnums, bytes) into plain JSON values;
``from_jsonable(cls, value)`` rebuilds the record.
Round trip: ``from_jsonable(type(r), to_jsonable(r)) == r``.
"""

from __future__ import annotations

import base64
import dataclasses
import datetime as dt
import enum
import json
import types
import typing
from functools import cache
from typing import Any, TypeVar, cast

T = TypeVar("T")


def to_jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (tuple, list)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bytes):
        return base64.b64encode(value).decode("ascii")
    return value


def dumps(value: Any) -> str:
    return json.dumps(to_jsonable(value), ensure_ascii=False, separators=(",", ":"))


def loads(cls: type[T], text: str) -> T:
    return cast(T, from_jsonable(cls, json.loads(text)))


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_jsonable(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        if len(args) == 1:
            return from_jsonable(args[0], value)
        for a in args:  # first that fits
            try:
                return from_jsonable(a, value)
            except (TypeError, ValueError, KeyError):
                continue
        return value
    if origin is tuple:
        targs = typing.get_args(tp)
        if len(targs) == 2 and targs[1] is Ellipsis:
            return tuple(from_jsonable(targs[0], v) for v in value)
        return tuple(from_jsonable(a, v) for a, v in zip(targs, value, strict=False))
    if origin in (list, typing.Sequence):
        (arg,) = typing.get_args(tp)
        return [from_jsonable(arg, v) for v in value]
    if origin is dict:
        _, vt = typing.get_args(tp)
        return {k: from_jsonable(vt, v) for k, v in value.items()}
    if isinstance(tp, type):
        if dataclasses.is_dataclass(tp):
            hints = _hints(tp)
            kwargs = {
                f.name: from_jsonable(hints[f.name], value[f.name])
                for f in dataclasses.fields(tp)
                if f.name in value
            }
            return tp(**kwargs)
        if issubclass(tp, enum.Enum):
            return tp(value)
        if tp is dt.date:
            return dt.date.fromisoformat(value)
        if tp is dt.datetime:
            return dt.datetime.fromisoformat(value)
        if tp is bytes:
            return base64.b64decode(value)
        if tp is float:
            return float(value)
    return cast(Any, value)
