"""A track (GPX, TCX) whose points all have the same elements, read a column at a time.

Nearly every file is like that (each point: its time, position, elevation, and the same
extension elements). Then libxml2's XPath collects a column's texts in C, in one call per column,
instead of a Python step per element: about a third of a file's parsing time.

The answer is exactly the point-by-point walk's (in :mod:`~runnerly_import.parsing.gpx`
and :mod:`~runnerly_import.parsing.tcx`), or ``None`` and the walk reads the file: the
shortcut is taken only when the document proves that every point has the first point's
elements at the same places, once each, with no element inside the ones read, and no
processing instruction that could split a text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from lxml import etree

from runnerly_import.parsing.xml import lower_name

_DECLARATION = re.compile(rb"(\xef\xbb\xbf)?\s*<\?xml\s")


@dataclass(frozen=True)
class Shape:
    """Where a format keeps its points, as the walk finds them: ``containers`` the path of
    elements from the context to the points' parents, then the points; local names in
    the context's namespace (the walk takes any namespace, so the shortcut checks there is
    no other)."""

    containers: tuple[str, ...]
    point: str
    attributes: tuple[str, ...]  # read from each point ("lat", "lon" in GPX)
    read: tuple[str, ...]  # lower-case local names of the elements read, any namespace


@dataclass
class Columns:
    count: int  # points, at least one
    columns: dict[str, list]  # attribute or name → each point's text (None: blank)


def uniform_columns(context, data: bytes, shape: Shape) -> Columns | None:
    """Each of the shape's attributes, and each name it reads that the points have, as a
    column of texts; ``None`` when the points are not all alike (or there are none)."""
    if data.count(b"<?") > (1 if _DECLARATION.match(data) else 0):
        return None  # a processing instruction, which may split a text (the declaration may not)
    names = _Names(context)
    containers = names.path(*shape.containers)
    points = f"{containers}/{names.path(shape.point)}"
    if not names.only_children(context, shape, points):
        return None
    count = int(names.evaluate(context, f"count({points})"))
    first = names.evaluate(context, f"({points})[1]")
    if not count or not first:
        return None
    inside = [element for element in first[0].iter() if element is not first[0]]
    if not all(isinstance(element.tag, str) for element in inside):
        return None  # an entity left unresolved
    if names.evaluate(context, f"count({containers}//*)") != count * (len(inside) + 1):
        return None  # some point has elements the first has not
    columns = {name: names.evaluate(context, f"{points}/@{name}") for name in shape.attributes}
    if any(len(values) != count for values in columns.values()):
        return None
    read = _read_columns(context, names, (points, first[0], inside, count), columns, shape)
    return None if read is None else Columns(count, read)


def _read_columns(context, names: _Names, found: tuple, columns: dict, shape: Shape) -> dict | None:
    points, first, inside, count = found
    for element in inside:
        path = f"{points}/{names.relative(first, element)}"
        name = lower_name(element.tag)
        if name == shape.point.lower() or (name in shape.read and (len(element) or name in columns)):
            return None  # a nested point, an element inside a value, or a name twice
        if name not in shape.read:
            if names.evaluate(context, f"count({path})") != count:
                return None  # a point lacks it (or has another at its place)
            continue
        # The path gives at most one text a point, so one text for each point also says
        # that every point has the element, with a text: no count of its own needed.
        texts = names.evaluate(context, f"{path}/text()[1]")
        if len(texts) != count:
            return None  # a point lacks it, or has it empty
        columns[name] = [text.strip() or None for text in texts]
    return columns


class _Names:
    """Prefixes for the document's namespaces, and XPath expressions compiled once."""

    def __init__(self, context) -> None:
        self.namespace = etree.QName(context).namespace
        self.prefixes: dict[str, str] = {}

    def step(self, tag: str) -> str:
        qname = etree.QName(tag)
        if qname.namespace is None:
            return qname.localname
        prefix = self.prefixes.setdefault(qname.namespace, f"n{len(self.prefixes)}")
        return f"{prefix}:{qname.localname}"

    def path(self, *names: str) -> str:
        namespace = self.namespace
        return "/".join(self.step(f"{{{namespace}}}{name}" if namespace else name) for name in names)

    def only_children(self, context, shape: Shape, points: str) -> bool:
        """Each container in the context's namespace, and nothing but points in the last:
        then the points are those the walk, which takes any namespace, reads."""
        parent = ""
        for depth, name in enumerate(shape.containers):
            anywhere = self.evaluate(context, f"count({parent}*[local-name()='{name}'])")
            parent = f"{self.path(*shape.containers[: depth + 1])}/"
            if anywhere != self.evaluate(context, f"count({parent[:-1]})"):
                return False
        return self.evaluate(context, f"count({parent}*)") == self.evaluate(context, f"count({points})")

    def relative(self, point, element) -> str:
        """``a[1]/b[2]``: the element's path from the point, by name and position."""
        steps = []
        while element is not point:
            position = 1 + sum(1 for _ in element.itersiblings(element.tag, preceding=True))
            steps.append(f"{self.step(element.tag)}[{position}]")
            element = element.getparent()
        return "/".join(reversed(steps))

    def evaluate(self, context, expression: str):
        return _compiled(expression, tuple(sorted(self.prefixes.items())))(context)


@lru_cache(maxsize=256)
def _compiled(expression: str, prefixes: tuple[tuple[str, str], ...]) -> etree.XPath:
    namespaces = {prefix: namespace for namespace, prefix in prefixes}
    return etree.XPath(expression, namespaces=namespaces, smart_strings=False)
