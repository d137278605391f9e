"""A GPX track whose points all have the same elements, read a column at a time.

Nearly every file is like that (each point: its time, elevation, and the same extension
elements). Then libxml2's XPath collects a column's texts in C, in one call per column,
instead of a Python step per element: about a third of a file's parsing time.

The answer is exactly the point-by-point walk's (:mod:`runnerly_import.parsing.gpx`), or
``None`` and the walk reads the file: the shortcut is taken only when the document proves
that every point has the first point's elements at the same places, once each, with no
element inside the ones read, and no processing instruction that could split a text.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from runnerly_import.parsing.xml import lower_name

_DECLARATION = re.compile(rb"(\xef\xbb\xbf)?\s*<\?xml\s")


def uniform_columns(root, data: bytes, read: tuple[str, ...]) -> dict | None:
    """``{"lat": [...], "lon": [...], name: [text or None, ...]}`` for each name of
    ``read`` (lower-case local names, any namespace) the points have, or ``None`` when the
    points are not all alike."""
    if data.count(b"<?") > (1 if _DECLARATION.match(data) else 0):
        return None  # a processing instruction, which may split a text (the declaration may not)
    names = _Names(root)
    points = names.path("trk", "trkseg", "trkpt")
    if not names.only_children(root, points):
        return None
    count = int(names.evaluate(root, f"count({points})"))
    first = names.evaluate(root, f"({points})[1]")
    if not count or not first:
        return None
    inside = [element for element in first[0].iter() if element is not first[0]]
    if not all(isinstance(element.tag, str) for element in inside):
        return None  # an entity left unresolved
    descendants = names.evaluate(root, f"count({names.path('trk', 'trkseg')}//*)")
    if descendants != count * (len(inside) + 1):
        return None
    columns = {"lat": names.evaluate(root, f"{points}/@lat"), "lon": names.evaluate(root, f"{points}/@lon")}
    if len(columns["lat"]) != count or len(columns["lon"]) != count:
        return None
    return _read_columns(root, names, (points, first[0], inside, count), columns, read)


def _read_columns(root, names: _Names, shape: tuple, columns: dict, read: tuple[str, ...]) -> dict | None:
    points, first, inside, count = shape
    for element in inside:
        path = f"{points}/{names.relative(first, element)}"
        if names.evaluate(root, f"count({path})") != count:
            return None  # a point lacks it (or has another at its place)
        name = lower_name(element.tag)
        if name == "trkpt" or (name in read and (len(element) or name in columns)):
            return None  # a nested point, an element inside a value, or a name twice
        if name in read:
            texts = names.evaluate(root, f"{path}/text()[1]")
            if len(texts) != count:
                return None  # an empty element somewhere
            columns[name] = [text.strip() or None for text in texts]
    return columns


class _Names:
    """Prefixes for the document's namespaces, and XPath expressions compiled once."""

    def __init__(self, root) -> None:
        self.root_namespace = etree.QName(root).namespace
        self.prefixes: dict[str, str] = {}

    def step(self, tag: str) -> str:
        qname = etree.QName(tag)
        if qname.namespace is None:
            return qname.localname
        prefix = self.prefixes.setdefault(qname.namespace, f"n{len(self.prefixes)}")
        return f"{prefix}:{qname.localname}"

    def path(self, *names: str) -> str:
        namespace = self.root_namespace
        return "/".join(self.step(f"{{{namespace}}}{name}" if namespace else name) for name in names)

    def only_children(self, root, points: str) -> bool:
        """Every track and segment in the root's namespace, and nothing but points in a
        segment: what the walk, which takes them in any namespace, would also read."""
        tracks, segments = self.path("trk"), self.path("trk", "trkseg")
        return (
            self.evaluate(root, "count(*[local-name()='trk'])") == self.evaluate(root, f"count({tracks})")
            and self.evaluate(root, f"count({tracks}/*[local-name()='trkseg'])")
            == self.evaluate(root, f"count({segments})")
            and self.evaluate(root, f"count({segments}/*)") == self.evaluate(root, f"count({points})")
        )

    def relative(self, point, element) -> str:
        """``a[1]/b[2]``: the element's path from the point, by name and position."""
        steps = []
        while element is not point:
            position = 1 + sum(1 for _ in element.itersiblings(element.tag, preceding=True))
            steps.append(f"{self.step(element.tag)}[{position}]")
            element = element.getparent()
        return "/".join(reversed(steps))

    def evaluate(self, root, expression: str):
        return _compiled(expression, tuple(sorted(self.prefixes.items())))(root)


@lru_cache(maxsize=256)
def _compiled(expression: str, prefixes: tuple[tuple[str, str], ...]) -> etree.XPath:
    namespaces = {prefix: namespace for namespace, prefix in prefixes}
    return etree.XPath(expression, namespaces=namespaces, smart_strings=False)
