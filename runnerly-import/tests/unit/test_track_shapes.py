"""A GPX or TCX file gives the same track whatever its shape: the column-at-a-time
shortcut (points all alike) and the point-by-point walk read the same values, and the
shortcut is taken for the usual file, where the speed comes from."""

from __future__ import annotations

import numpy as np
import pytest

from runnerly_import.parsing import gpx as gpx_parser
from runnerly_import.parsing import tcx as tcx_parser
from runnerly_import.parsing.track import NUMBER_COLUMNS, Refused
from runnerly_import.parsing.uniform import uniform_columns
from runnerly_import.parsing.xml import parse_xml

from ..samples import Activity, gpx, run_north, tcx

TPX = "http://www.garmin.com/xmlschemas/TrackPointExtension/v1"
HEAD = f'<gpx version="1.1" xmlns="http://www.topografix.com/GPX/1/1" xmlns:x="{TPX}"><trk><trkseg>'
TAIL = "</trkseg></trk></gpx>"


def point(t: int, inside: str = "<ele>35.0</ele><time>{t}</time>", lat: float = 48.85) -> str:
    when = f"2026-03-01T07:30:{t:02d}Z"
    return f'<trkpt lat="{lat + t * 1e-4:.5f}" lon="2.35">{inside.format(t=when)}</trkpt>'


def hr(value: str) -> str:
    return "<ele>35.0</ele><time>{t}</time><extensions><x:TrackPointExtension>" + (
        f"<x:hr>{value}</x:hr><x:cad>85</x:cad></x:TrackPointExtension></extensions>"
    )


def document(*points: str, head: str = HEAD, tail: str = TAIL) -> bytes:
    return (head + "".join(points) + tail).encode()


def walked(data: bytes, monkeypatch, parser=gpx_parser):
    with monkeypatch.context() as patch:
        patch.setattr(parser, "uniform_columns", lambda *_: None)
        return parser.parse_gpx(data) if parser is gpx_parser else parser.parse_tcx(data)


def assert_same(track, other) -> None:
    np.testing.assert_array_equal(track.time, other.time)
    for name in NUMBER_COLUMNS:
        np.testing.assert_array_equal(getattr(track, name), getattr(other, name))


def test_a_device_file_takes_the_shortcut_and_reads_what_the_walk_reads(monkeypatch):
    data = gpx(Activity(run_north(600, every=2, hr=lambda t: 140 + t % 20)))
    assert uniform_columns(parse_xml(data, "GPX"), data, gpx_parser.SHAPE) is not None
    track = gpx_parser.parse_gpx(data)
    assert_same(track, walked(data, monkeypatch))
    assert len(track) == 301
    assert track.heartrate[:3].tolist() == [140, 142, 144]
    assert np.isfinite(track.cadence).all()
    assert np.isfinite(track.altitude).all()


SHAPES = {
    "one point without heart rate": document(*(point(t, hr("150")) for t in range(3)), point(3)),
    "a blank heart rate": document(point(0, hr("150")), point(1, hr(" ")), point(2, hr("152"))),
    "an empty elevation": document(point(0), point(1, "<ele></ele><time>{t}</time>"), point(2)),
    "heart rate under two names": document(
        point(0, hr("150") + "<x:heartrate>90</x:heartrate>"),
        point(1, hr("") + "<x:heartrate>91</x:heartrate>"),
    ),
    "an element only some points have": document(
        point(0), point(1, "<ele>36</ele><time>{t}</time><sat>7</sat>")
    ),
    "no namespace": document(point(0), point(1), head="<gpx><trk><trkseg>"),
    "two tracks of two segments": document(
        point(0), point(1), "</trkseg><trkseg>", point(2), "</trkseg></trk><trk><trkseg>", point(3)
    ),
    "the segment's own extensions after its points": document(
        point(0), point(1), "<extensions><x:hr>170</x:hr></extensions>"
    ),
    "a value inside a value": document(point(0, "<ele>35<x:hr>150</x:hr></ele><time>{t}</time>"), point(1)),
    "a processing instruction in a time": b'<?xml version="1.0"?>\n'
    + document(point(0), point(1, "<ele>35</ele><time><?pi x?>2026-03-01T07:30:09Z</time>")),
    "a point in another namespace": document(point(0), '<trkpt xmlns="urn:other" lat="1" lon="2"></trkpt>'),
    "elements in another order in one point": document(point(0), point(1, "<time>{t}</time><ele>36</ele>")),
    "a heart rate before the first point": document(
        "<extensions><x:hr>170</x:hr></extensions>", point(0, hr("150")), point(1, hr("151"))
    ),
    "a point inside a point": document(point(0, hr("150") + point(1, hr("160")))),
    "a single point": document(point(0, hr("150"))),
}


@pytest.mark.parametrize("shape", SHAPES, ids=list(SHAPES))
def test_every_shape_reads_as_the_point_by_point_walk_reads_it(shape, monkeypatch):
    data = SHAPES[shape]
    try:
        expected = walked(data, monkeypatch)
    except Refused as refused:
        with pytest.raises(Refused, match=str(refused)[:30]):
            gpx_parser.parse_gpx(data)
        return
    assert_same(gpx_parser.parse_gpx(data), expected)


def test_a_point_without_heart_rate_keeps_the_others_values():
    track = gpx_parser.parse_gpx(SHAPES["one point without heart rate"])
    assert track.heartrate[:3].tolist() == [150, 150, 150]
    assert np.isnan(track.heartrate[3])
    assert track.cadence[:3].tolist() == [85, 85, 85]


TCX_HEAD = (
    '<TrainingCenterDatabase xmlns="http://www.garmin.com/xmlschemas/TrainingCenterDatabase/v2"'
    ' xmlns:x="http://www.garmin.com/xmlschemas/ActivityExtension/v2"><Activities><Activity Sport="Running">'
    '<Lap StartTime="2026-03-01T07:30:00Z"><Track>'
)
TCX_TAIL = "</Track></Lap></Activity></Activities></TrainingCenterDatabase>"


def trackpoint(t: int, extra: str = "<HeartRateBpm><Value>150</Value></HeartRateBpm>") -> str:
    return (
        f"<Trackpoint><Time>2026-03-01T07:30:{t:02d}Z</Time><Position><LatitudeDegrees>{48.85 + t * 1e-4:.5f}"
        f"</LatitudeDegrees><LongitudeDegrees>2.35</LongitudeDegrees></Position>{extra}</Trackpoint>"
    )


def test_a_device_tcx_file_takes_the_shortcut_and_reads_what_the_walk_reads(monkeypatch):
    activity = Activity(run_north(600, every=2, hr=lambda t: 140 + t % 20), lap_offsets=[0, 300])
    data = tcx(activity)
    track = tcx_parser.parse_tcx(data)
    assert_same(track, walked(data, monkeypatch, tcx_parser))
    assert tcx_parser._uniform(parse_xml(data, "TCX")[0][0], data) is not None
    assert len(track) == 301
    assert track.heartrate[:3].tolist() == [140, 142, 144]
    assert track.cadence[:3].tolist() == [85, 85, 85]
    assert len(track.lap_starts) == 2


TCX_SHAPES = {
    "one point without heart rate": [trackpoint(0), trackpoint(1), trackpoint(2, "")],
    "cadence and run cadence": [
        trackpoint(
            t, "<Cadence>80</Cadence><Extensions><x:TPX><x:RunCadence>90</x:RunCadence></x:TPX></Extensions>"
        )
        for t in range(2)
    ],
    "run cadence only": [
        trackpoint(t, "<Extensions><x:TPX><x:RunCadence>90</x:RunCadence></x:TPX></Extensions>")
        for t in range(2)
    ],
    "a blank heart rate": [trackpoint(0), trackpoint(1, "<HeartRateBpm><Value> </Value></HeartRateBpm>")],
    "something between the points": [trackpoint(0), "<Note/>", trackpoint(1)],
    "heart rates between points that have none": [
        element for t in range(2) for element in (trackpoint(t, ""), "<X><Value>150</Value></X>")
    ],
    "a trackpoint inside a trackpoint": [trackpoint(0, trackpoint(1)), trackpoint(2)],
    "elements in another order in one point": [
        trackpoint(0, "<HeartRateBpm><Value>150</Value></HeartRateBpm><Cadence>80</Cadence>"),
        trackpoint(1, "<Cadence>81</Cadence><HeartRateBpm><Value>151</Value></HeartRateBpm>"),
    ],
}


@pytest.mark.parametrize("shape", TCX_SHAPES, ids=list(TCX_SHAPES))
def test_every_tcx_shape_reads_as_the_walk_reads_it(shape, monkeypatch):
    data = (TCX_HEAD + "".join(TCX_SHAPES[shape]) + TCX_TAIL).encode()
    assert_same(tcx_parser.parse_tcx(data), walked(data, monkeypatch, tcx_parser))


def test_run_cadence_stands_for_cadence_and_wins_over_it():
    for shape in ("run cadence only", "cadence and run cadence"):
        data = (TCX_HEAD + "".join(TCX_SHAPES[shape]) + TCX_TAIL).encode()
        assert tcx_parser.parse_tcx(data).cadence.tolist() == [90, 90]
