"""Memos of pure functions of frozen values, by the value's identity.

The stages pass the same frozen tables and concept map along a run, and several rules ask
the same of them (a table's printed totals, the map's IFRS wordings). Such a value cannot be
hashed cheaply (a model holding dicts, or one whose hash walks every row), but its identity
costs nothing: the memo holds each answer for as long as its value lives, and a weak
reference tells a new value at a freed address from the old one.
"""

from __future__ import annotations

import functools
import weakref
from collections.abc import Callable
from typing import TypeVar

V = TypeVar("V")
R = TypeVar("R")


def by_identity(function: Callable[[V], R]) -> Callable[[V], R]:
    """``function`` of one value, memoised by the value's identity while it lives. Its
    answers are shared between callers: read them, never change them."""
    memo: dict[int, tuple[weakref.ref, R]] = {}

    @functools.wraps(function)
    def memoised(value: V) -> R:
        key = id(value)
        entry = memo.get(key)
        if entry is not None and entry[0]() is value:
            return entry[1]
        answer = function(value)

        def forget(ref: weakref.ref) -> None:
            if memo.get(key, (None,))[0] is ref:
                del memo[key]

        memo[key] = (weakref.ref(value, forget), answer)
        return answer

    return memoised
