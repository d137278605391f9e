"""runnerly.subject (lua/runnerly/subject.lua), run inside the real nginx through the
test-only location of lua_probes.conf."""

import base64
import json

import pytest


def jwt_with(claims) -> str:
    payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).rstrip(b"=").decode()
    return f"eyJhbGciOiJSUzI1NiJ9.{payload}.c2ln"


def subject(gateway, authorization: str | None) -> str:
    headers = {"Authorization": authorization} if authorization is not None else {}
    answer = gateway.get("/_test/lua/subject", headers=headers)
    assert answer.status_code == 200
    return answer.text


def test_it_reads_the_subject_of_a_bearer_token(gateway):
    assert subject(gateway, f"Bearer {jwt_with({'sub': '42', 'aud': 'runnerly-data'})}") == "sub:42"


def test_it_reads_a_numeric_subject(gateway):
    assert subject(gateway, f"bearer {jwt_with({'sub': 7})}") == "sub:7"


def test_it_cuts_a_long_subject_so_one_key_cannot_fill_the_zone(gateway):
    assert subject(gateway, f"Bearer {jwt_with({'sub': 'x' * 1000})}") == "sub:" + "x" * 128


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        "",
        "Basic ZGV2ZWxvcGVyOnNlY3JldA==",
        "Bearer not-a-jwt",
        "Bearer a.b",
        "Bearer eyJhbGciOiJub25lIn0.!!!.sig",
        f"Bearer {jwt_with({'aud': 'runnerly-data'})}",
        f"Bearer {jwt_with({'sub': ''})}",
        f"Bearer {jwt_with({'sub': {'nested': 1}})}",
        f"Bearer {jwt_with(['sub'])}",
        "Bearer " + "eyJ4Ijoi" + "A" * 9000 + ".x.y",
    ],
)
def test_it_counts_nothing_without_a_readable_subject(gateway, authorization):
    assert subject(gateway, authorization) == ""
