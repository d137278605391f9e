"""Untrusted XML, parsed by lxml without entities, DTDs or the network, and columns of
its text turned into numbers and times by numpy (in C, not a Python call per point)."""

from __future__ import annotations

from datetime import UTC, datetime
from functools import lru_cache

import numpy as np
from lxml import etree

from runnerly_import.parsing.track import Refused

_PARSER = dict(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True)
_NOT_A_NUMBER = "nan"


def parse_xml(data: bytes, kind: str):
    """The document's root element, or :class:`Refused` saying what is wrong."""
    if not data.strip():
        raise Refused(f"The {kind} file is empty.")
    try:
        root = etree.fromstring(data, etree.XMLParser(**_PARSER))
    except etree.XMLSyntaxError as error:
        raise Refused(f"The {kind} file is not well-formed XML (truncated or corrupt?): {error}") from None
    if root is None:
        raise Refused(f"The {kind} file is not an XML document.")
    return root


def local(element) -> str:
    """The element's name without its namespace (GPX 1.0/1.1 and vendors' extensions alike)."""
    tag = element.tag
    return local_name(tag) if isinstance(tag, str) else ""


@lru_cache(maxsize=512)
def local_name(tag: str) -> str:
    """``{namespace}Name`` → ``Name``: a file has a handful of tags, each met per point."""
    return tag.rpartition("}")[2]


@lru_cache(maxsize=512)
def lower_name(tag) -> str:
    """``{namespace}Name`` → ``name``; "" for a processing instruction (not a string tag)."""
    return local_name(tag).lower() if isinstance(tag, str) else ""


def children(element, name: str) -> list:
    return [child for child in element if local(child) == name]


def child_text(element, name: str) -> str | None:
    for child in element:
        if local(child) == name:
            return (child.text or "").strip() or None
    return None


def instant(value: str | None, what: str) -> datetime | None:
    """An ISO 8601 time as UTC; a time without an offset is taken as UTC (GPX says so)."""
    value = (value or "").strip() or None
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise Refused(f"{what} has a time that is not ISO 8601: {value[:40]!r}.") from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def times(values: list[str | None], what: str) -> np.ndarray:
    """A column of ISO 8601 times as UTC ``datetime64[us]`` (``NaT`` where missing).

    Devices write UTC with a ``Z``: numpy parses those in C. Anything else (an offset, a
    blank) takes the exact path, one :func:`instant` per value."""
    if all(value is None or value.endswith("Z") for value in values):
        try:
            return np.array([value[:-1] if value else "NaT" for value in values], dtype="datetime64[us]")
        except ValueError:
            pass  # a malformed time: the exact path says which
    moments = (instant(value, what) for value in values)
    return np.array(
        [np.datetime64(m.replace(tzinfo=None), "us") if m else np.datetime64("NaT") for m in moments],
        dtype="datetime64[us]",
    )


def numbers(values: list[str | None], what: str) -> np.ndarray:
    """A column of decimal numbers (``NaN`` where missing), refused when one is not a
    finite number."""
    try:
        column = np.array([_NOT_A_NUMBER if value is None else value for value in values], dtype=float)
    except ValueError:  # a blank or a word: the exact path, which says which
        return np.array([_number(value, what) for value in values], dtype=float)
    if not np.isfinite(column).all():
        given = np.fromiter((value is not None for value in values), dtype=bool, count=len(values))
        if not np.isfinite(column[given]).all():
            raise Refused(f"{what} is not a finite number.")
    return column


def number(value: str | None, what: str) -> float | None:
    result = _number(value, what)
    return None if result != result else result


def _number(value: str | None, what: str) -> float:
    text = (value or "").strip()
    if not text:
        return float("nan")
    try:
        result = float(text)
    except ValueError:
        raise Refused(f"{what} is not a number: {text[:40]!r}.") from None
    if result != result or result in (float("inf"), float("-inf")):
        raise Refused(f"{what} is not a finite number.")
    return result
