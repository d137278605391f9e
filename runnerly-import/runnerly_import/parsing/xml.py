"""Untrusted XML, parsed by lxml without entities, DTDs or the network."""

from __future__ import annotations

from datetime import UTC, datetime

from lxml import etree

from runnerly_import.parsing.track import Refused

_PARSER = dict(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False, remove_comments=True)


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
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def children(element, name: str) -> list:
    return [child for child in element if local(child) == name]


def child_text(element, name: str) -> str | None:
    for child in element:
        if local(child) == name:
            return (child.text or "").strip() or None
    return None


def instant(value: str | None, what: str) -> datetime | None:
    """An ISO 8601 time as UTC; a time without an offset is taken as UTC (GPX says so)."""
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        raise Refused(f"{what} has a time that is not ISO 8601: {value[:40]!r}.") from None
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def number(value: str | None, what: str) -> float | None:
    if value is None:
        return None
    try:
        result = float(value)
    except ValueError:
        raise Refused(f"{what} is not a number: {value[:40]!r}.") from None
    if result != result or result in (float("inf"), float("-inf")):
        raise Refused(f"{what} is not a finite number.")
    return result
