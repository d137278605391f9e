"""The ``runnerly-tokendealer`` management commands, through click's test runner."""

import stat

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from runnerly_tokendealer.cli import main
from runnerly_tokendealer.clients.models import Client
from runnerly_tokendealer.extensions import db
from tests.helpers import RegisteredClient, assert_oauth_error

pytestmark = pytest.mark.in_process


@pytest.fixture
def run(cli_environment):
    def run(*args: str, exit_code: int = 0):
        result = CliRunner().invoke(main, list(args), obj=cli_environment)
        assert result.exit_code == exit_code, result.output
        return result.output

    return run


def _secret_in(output: str) -> str:
    return output.split("secret ", 1)[1].split()[0]


def _stored(name: str) -> Client:
    with db.new_session() as session:
        return session.scalar(select(Client).where(Client.name == name))


def test_client_add_prints_the_secret_once_and_stores_only_a_hash(run):
    output = run("client", "add", "runnerly-data", "--scope", "runs:read runs:write")

    secret = _secret_in(output)
    assert output.count(secret) == 1
    stored = _stored("runnerly-data")
    assert stored.secret_hash.startswith("hmac-sha256$")
    assert secret not in stored.secret_hash
    with db.new_session() as session:
        row = session.execute(select(Client.__table__)).one()
    assert secret not in " ".join(str(value) for value in row)
    assert stored.scope == "runs:read runs:write"
    assert stored.trusted is False


def test_a_client_added_on_the_command_line_gets_tokens(run, oauth):
    secret = _secret_in(run("client", "add", "runnerly-strava", "--scope", "runs:write"))

    response = oauth.token(RegisteredClient("runnerly-strava", secret))

    assert response.status_int == 200
    assert response.json["scope"] == "runs:write"


def test_client_add_marks_a_trusted_client(run):
    run("client", "add", "runnerly-dashboard", "--scope", "users:read", "--trusted")

    assert _stored("runnerly-dashboard").trusted is True


def test_client_add_writes_the_secret_to_a_private_file(run, tmp_path, oauth):
    path = tmp_path / "runnerly-data.secret"

    output = run("client", "add", "runnerly-data", "--scope", "runs:read", "--secret-file", str(path))

    secret = path.read_text()
    assert secret not in output
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert oauth.token(RegisteredClient("runnerly-data", secret)).status_int == 200


def test_client_add_registers_a_secret_the_operator_provides_without_printing_it(run, tmp_path, oauth):
    provided = tmp_path / "runnerly-data.secret"
    provided.write_text("an-operator-made-secret-of-43-characters-abcde\n")

    output = run("client", "add", "runnerly-data", "--scope", "runs:read", "--secret-from", str(provided))

    assert "an-operator-made-secret" not in output
    secret = RegisteredClient("runnerly-data", "an-operator-made-secret-of-43-characters-abcde")
    assert oauth.token(secret).status_int == 200


def test_client_add_refuses_a_provided_secret_weaker_than_a_generated_one(run, tmp_path):
    provided = tmp_path / "weak.secret"
    provided.write_text("hunter2")

    argv = ("client", "add", "runnerly-data", "--scope", "runs:read", "--secret-from", str(provided))
    output = run(*argv, exit_code=1)

    assert "at least 43 characters" in output
    assert _stored("runnerly-data") is None


def test_client_add_refuses_an_existing_name(run):
    run("client", "add", "runnerly-data", "--scope", "runs:read")

    output = run("client", "add", "runnerly-data", "--scope", "runs:read", exit_code=1)

    assert "--rotate-secret" in output


def test_client_add_with_rotate_secret_replaces_the_secret(run, oauth):
    old = _secret_in(run("client", "add", "runnerly-data", "--scope", "runs:read"))

    new = _secret_in(
        run("client", "add", "runnerly-data", "--scope", "runs:read races:read", "--rotate-secret")
    )

    assert_oauth_error(oauth.token(RegisteredClient("runnerly-data", old)), 401, "invalid_client")
    response = oauth.token(RegisteredClient("runnerly-data", new))
    assert response.json["scope"] == "races:read runs:read"


def test_client_add_with_rotate_secret_keeps_a_revoked_client_revoked(run):
    run("client", "add", "runnerly-data", "--scope", "runs:read")
    run("client", "revoke", "runnerly-data")

    output = run("client", "add", "runnerly-data", "--scope", "runs:read", "--rotate-secret", exit_code=1)

    assert "revoked" in output


@pytest.mark.parametrize(
    ("name", "scope"),
    [
        ("bad name", "runs:read"),
        (".hidden", "runs:read"),
        ("runnerly-data", 'runs:"read'),
        ("runnerly-data", "  "),
    ],
)
def test_client_add_rejects_malformed_names_and_scopes(run, name, scope):
    run("client", "add", name, "--scope", scope, exit_code=1)


@pytest.mark.parametrize("name", ["7", "42", "007", "7_000", "1e3", "inf"])
def test_client_add_refuses_names_that_read_as_user_ids(run, name):
    output = run("client", "add", name, "--scope", "runs:read", "--trusted", exit_code=1)

    assert f"{name} reads as a number" in output
    assert "Traceback" not in output


def test_client_add_registers_the_audiences_given_and_refuses_unknown_ones(run, oauth):
    secret = _secret_in(
        run("client", "add", "runnerly-strava", "--scope", "runs:write", "--audience", "runnerly-data")
    )
    refused = run("client", "add", "other", "--scope", "runs:read", "--audience", "evil-service", exit_code=2)

    client = RegisteredClient("runnerly-strava", secret)
    assert oauth.token(client, audience="runnerly-data").status_int == 200
    assert_oauth_error(oauth.token(client, audience="runnerly-training"), 400, "invalid_target")
    assert "not an audience this dealer issues for: evil-service" in refused
    assert _stored("runnerly-strava").audience == "runnerly-data"


def test_client_list_shows_clients_without_secrets(run):
    secret = _secret_in(run("client", "add", "runnerly-data", "--scope", "runs:read"))
    run("client", "add", "runnerly-dashboard", "--scope", "users:read", "--trusted")
    run("client", "revoke", "runnerly-data")

    output = run("client", "list")

    lines = output.splitlines()
    assert lines[1].split()[:2] == ["runnerly-dashboard", "yes"]
    assert lines[2].split()[:2] == ["runnerly-data", "no"]
    assert lines[2].split()[2] != "-"  # the revocation time
    assert secret not in output
    assert "argon2" not in output
    assert "hmac" not in output


def test_client_revoke_makes_token_requests_fail(run, oauth):
    secret = _secret_in(run("client", "add", "runnerly-data", "--scope", "runs:read"))

    run("client", "revoke", "runnerly-data")

    response = oauth.token(RegisteredClient("runnerly-data", secret))
    assert_oauth_error(response, 401, "invalid_client")


def test_client_revoke_of_an_unknown_client_fails(run):
    assert "no client" in run("client", "revoke", "nobody", exit_code=1)


def test_keys_list_and_rotate(run):
    first = run("keys", "list")
    rotated = run("keys", "rotate")
    listed = run("keys", "list")

    first_kid = first.splitlines()[1].split()[0]
    assert f"retired {first_kid}" in rotated
    assert "signing" in listed.splitlines()[1]
    assert listed.splitlines()[2].startswith(first_kid)
    assert "published until" in listed.splitlines()[2]


def test_db_upgrade_migrates_a_new_database(tmp_path, monkeypatch):
    url = f"sqlite:///{tmp_path}/new.sqlite"
    monkeypatch.setenv("RUNNERLY_TOKENDEALER_DATABASE_URL", url)

    result = CliRunner().invoke(main, ["db", "upgrade"])

    assert result.exit_code == 0, result.output
    assert "database at head" in result.output
