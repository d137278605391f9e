"""The WAF (ModSecurity with the OWASP CRS): attacks are refused with 403 problem+json;
legitimate JSON with awkward characters reaches the real data service and is stored."""

import uuid

import pytest

ATTACKS = {
    "sqli in the query": ("GET", "/api/data/users?email=x%27%20OR%201%3D1--", None, {}),
    "sqli union in the query": (
        "GET",
        "/api/data/races?name=1%20UNION%20SELECT%20password%20FROM%20users",
        None,
        {},
    ),
    "sqli in a json body": ("POST", "/api/me/runs", {"name": "x' OR '1'='1' --"}, {}),
    "xss in the query": ("GET", "/api/me/runs?q=%3Cscript%3Ealert(1)%3C/script%3E", None, {}),
    "xss in a json body": ("POST", "/api/me/runs", {"name": "<img src=x onerror=alert(1)>"}, {}),
    "path traversal in the query": ("GET", "/api/data/users?file=../../../../etc/passwd", None, {}),
    "encoded path traversal": ("GET", "/api/training/%2e%2e%2f%2e%2e%2fetc%2fpasswd", None, {}),
    "scanner user agent": (
        "GET",
        "/api/data/users",
        None,
        {"User-Agent": "sqlmap/1.7.2#stable (https://sqlmap.org)"},
    ),
    "nikto probe": (
        "GET",
        "/",
        None,
        {"User-Agent": "Mozilla/5.00 (Nikto/2.1.6) (Evasions:None) (Test:000001)"},
    ),
    "shell command in a body": ("POST", "/api/me/runs", {"name": "; cat /etc/passwd"}, {}),
}

AWKWARD_NAMES = [
    "O'Brien's \"long\" run",
    "<3 hills, then < 5 min/km",
    "Tempo -- 3 x 2 km",
    "🏃‍♀️ Parkrun PB! 🎉",
    "Intervals: 6 x 800 m @ 5k pace; 90 s jog",
    "Run & brunch (select few)",
    "Laufen über die Brücke \u2013 Zürich",  # an en dash
    "Easy 10k /* recovery */",
]


@pytest.mark.parametrize("attack", ATTACKS.values(), ids=ATTACKS.keys())
def test_it_refuses_an_attack_with_403_problem_json(gateway, attack):
    method, path, body, headers = attack
    denials = gateway.waf_denials()
    request_id = f"attack-{uuid.uuid4().hex}"

    answer = gateway.request(method, path, json=body, headers={**headers, "X-Request-ID": request_id})

    assert answer.status_code == 403
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert answer.json()["status"] == 403
    assert gateway.waf_denials() == denials + 1  # ModSecurity refused it, nothing else
    assert gateway.logged(request_id)["upstream"] == ""


@pytest.fixture(scope="module")
def runner(gateway, data_service) -> int:
    answer = gateway.post(
        "/api/data/users",
        json={"email": "awkward@runnerly.test", "first_name": "Zoë", "last_name": "D'Arcy-Smith"},
        headers=data_service.service_headers("users:write"),
    )
    assert answer.status_code == 201, answer.text
    return answer.json()["id"]


@pytest.mark.parametrize("name", AWKWARD_NAMES)
def test_it_lets_a_run_with_an_awkward_name_through(gateway, data_service, runner, name):
    run = {"start_time": "2026-11-20T07:30:00Z", "distance_m": 8000, "moving_time_s": 2640, "name": name}
    headers = data_service.runner_headers(runner)

    created = gateway.post(f"/api/data/users/{runner}/runs", json=run, headers=headers)

    assert created.status_code == 201, created.text
    read = gateway.get(f"/api/data/users/{runner}/runs/{created.json()['id']}", headers=headers)
    assert read.json()["name"] == name


def test_it_lets_a_search_with_quotes_and_dashes_through(gateway):
    answer = gateway.get("/api/me/runs", params={"q": "O'Brien -- hill reps", "sort": "-distance"})

    assert answer.status_code == 200
    assert answer.json()["upstream"] == "dashboard"


def test_it_lets_an_oauth_token_request_through(gateway):
    form = {"grant_type": "client_credentials", "audience": "runnerly-data", "scope": "runs:read runs:write"}

    answer = gateway.post(
        "/api/tokendealer/oauth/token", data=form, auth=("developer", "s3cret-With-$ymbols")
    )

    assert answer.status_code == 200
    assert answer.json()["path"] == "/oauth/token"


def test_it_refuses_a_body_too_large_to_read_whole(gateway):
    runs = [{"name": "Easy", "distance_m": 5000, "moving_time_s": 1800, "start": n} for n in range(300)]

    answer = gateway.post("/api/training/x", json={"runs": runs})

    assert answer.status_code == 400
    assert answer.headers["Content-Type"] == "application/problem+json"


def test_a_bulk_write_of_runs_reaches_the_data_service_unread(gateway, data_service, runner):
    runs = [
        {
            "source": "upload",
            "source_id": f"bulk-{n}",
            "start_time": f"2026-10-{n % 28 + 1:02d}T{n % 24:02d}:00:00Z",
            "distance_m": 5000 + n,
            "moving_time_s": 1800,
            "name": "Parkrun -- O'Brien <3",
        }
        for n in range(400)
    ]
    headers = data_service.service_headers("runs:write")

    answer = gateway.post(f"/api/data/users/{runner}/runs/bulk", json={"runs": runs}, headers=headers)

    assert answer.status_code == 200, answer.text


@pytest.mark.parametrize(("method", "path"), [("POST", "/api/login"), ("PUT", "/api/password")])
def test_it_lets_a_password_that_reads_like_sql_through(gateway, method, path):
    body = {"email": "ada@runnerly.test", "password": "x' OR '1'='1' -- <script>", "new_password": "a';--"}

    answer = gateway.request(method, path, json=body)

    assert answer.status_code == 200
    assert answer.json()["upstream"] == "dashboard"


def test_it_still_reads_the_other_fields_of_a_login(gateway):
    body = {"email": "x' OR '1'='1' --", "password": "correct horse"}

    assert gateway.post("/api/login", json=body).status_code == 403


# The plain reads the WAF does not read (conf/http/inspection.conf): any of these makes the
# request something else, which the WAF reads and refuses.
PLAIN_READ = "/api/data/users/1/runs"
ATTACKS_ON_PLAIN_READS = {
    "sqli beside the list's own parameters": (
        "GET",
        f"{PLAIN_READ}?per_page=50&email=x%27%20OR%201%3D1--",
        {},
    ),
    "sqli in a parameter the list takes": (
        "GET",
        f"{PLAIN_READ}?sort=-distance%27%20OR%20%271%27%3D%271",
        {},
    ),
    "sqli unencoded in a date": ("GET", f"{PLAIN_READ}?from=2026-01-01'+OR+'1'='1", {}),
    "xss in the list's query": ("GET", f"{PLAIN_READ}?page=1&q=%3Cscript%3Ealert(1)%3C/script%3E", {}),
    "path traversal in the list's query": ("GET", f"{PLAIN_READ}?file=../../../../etc/passwd", {}),
    "encoded path traversal after a read route": ("GET", f"{PLAIN_READ}/%2e%2e%2f%2e%2e%2fetc%2fpasswd", {}),
    "scanner user agent on a read": (
        "GET",
        PLAIN_READ,
        {"User-Agent": "sqlmap/1.7.2#stable (https://sqlmap.org)"},
    ),
    "scanner user agent, plain characters": ("GET", PLAIN_READ, {"User-Agent": "Mozilla/5.0 (Nikto/2.1.6)"}),
    "scanner header on a read": ("GET", PLAIN_READ, {"X-Scanner": "1"}),
    "sqli in the user agent": ("GET", PLAIN_READ, {"User-Agent": "x' OR '1'='1' --"}),
    "sqli in a cookie": ("GET", PLAIN_READ, {"Cookie": "session=x' OR '1'='1' --"}),
    "xss in the referer": ("HEAD", PLAIN_READ, {"Referer": "https://x.test/<script>alert(1)</script>"}),
}


@pytest.mark.parametrize("attack", ATTACKS_ON_PLAIN_READS.values(), ids=ATTACKS_ON_PLAIN_READS.keys())
def test_it_refuses_an_attack_on_a_route_it_does_not_read_plain(gateway, attack):
    method, path, headers = attack
    denials = gateway.waf_denials()
    request_id = f"attack-{uuid.uuid4().hex}"

    answer = gateway.request(method, path, headers={**headers, "X-Request-ID": request_id})

    assert answer.status_code == 403
    assert answer.headers["Content-Type"] == "application/problem+json"
    assert gateway.waf_denials() == denials + 1
    assert gateway.logged(request_id)["upstream"] == ""


def test_it_refuses_a_body_on_a_read(gateway):
    denials = gateway.waf_denials()

    answer = gateway.request("GET", PLAIN_READ, json={"name": "x' OR '1'='1' --"})

    assert answer.status_code == 403
    assert gateway.waf_denials() == denials + 1


def test_a_plain_read_reaches_the_data_service_as_through_its_prefix(gateway, data_service, runner):
    headers = data_service.runner_headers(runner)
    run = {"start_time": "2026-06-01T07:30:00Z", "distance_m": 21097, "moving_time_s": 6300, "name": "Half"}
    assert gateway.post(f"/api/data/users/{runner}/runs", json=run, headers=headers).status_code == 201
    query = "?per_page=20&page=1&sort=-distance&from=2026-05-31&to=2026-06-02"
    request_id = f"plain-{uuid.uuid4().hex}"

    answer = gateway.get(
        f"/api/data/users/{runner}/runs{query}",
        headers={**headers, "X-Request-ID": request_id, "User-Agent": "Mozilla/5.0 (X11; Linux x86_64)"},
    )

    assert answer.status_code == 200, answer.text
    assert [item["name"] for item in answer.json()["items"]] == ["Half"]
    assert gateway.logged(request_id)["uri"] == f"/api/data/users/{runner}/runs{query}"
    assert answer.headers["X-Content-Type-Options"] == "nosniff"


def test_the_uninspected_route_cannot_be_asked_for_directly(gateway, data_service, runner):
    answer = gateway.get(
        f"/.uninspected/api/data/users/{runner}/runs", headers=data_service.runner_headers(runner)
    )

    assert answer.status_code == 404
