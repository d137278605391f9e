"""The ``runnerly-tokendealer`` management commands, through click's test runner."""

import stat
from pathlib import Path

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
    def run(*args: str, exit_code: int = 0, stdin: str | None = None):
        result = CliRunner().invoke(main, list(args), obj=cli_environment, input=stdin)
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


def _secret_files(tmp_path, *names: str) -> dict[str, Path]:
    """A Docker secret per client, as deploy/make-secrets.sh makes them."""
    files = {}
    for name in names:
        files[name] = tmp_path / f"{name}-client"
        files[name].write_text(f"{name}-secret-".ljust(43, "x") + "\n")
    return files


def _declarations(files: dict[str, Path], **extra: str) -> str:
    scopes = {"runnerly-dashboard": "users:read runs:read", "runnerly-strava": "runs:write"}
    lines = []
    for name, path in files.items():
        lines += [f"{name}:", f"  scope: {scopes[name]}", f"  secret_from: {path}"]
        lines += ["  trusted: true"] if name == "runnerly-dashboard" else []
        lines += [f"  {key}: {value}" for key, value in extra.items()]
    return "\n".join(lines) + "\n"


def test_client_sync_adds_the_missing_clients_and_rotates_the_others_in_one_run(run, tmp_path, oauth):
    old = _secret_in(run("client", "add", "runnerly-strava", "--scope", "runs:read"))
    files = _secret_files(tmp_path, "runnerly-dashboard", "runnerly-strava")
    declared = tmp_path / "clients.yaml"
    declared.write_text(_declarations(files))

    output = run("client", "sync", str(declared))

    assert "client runnerly-dashboard: added" in output
    assert "client runnerly-strava: updated" in output
    assert "-secret-" not in output
    for name, path in files.items():
        response = oauth.token(RegisteredClient(name, path.read_text().strip()))
        assert response.status_int == 200, name
    assert_oauth_error(oauth.token(RegisteredClient("runnerly-strava", old)), 401, "invalid_client")
    assert _stored("runnerly-strava").scope == "runs:write"
    assert _stored("runnerly-dashboard").trusted is True
    assert _stored("runnerly-strava").trusted is False


def test_client_sync_run_again_keeps_every_client_working(run, tmp_path, oauth):
    files = _secret_files(tmp_path, "runnerly-dashboard", "runnerly-strava")
    run("client", "sync", "-", stdin=_declarations(files))

    output = run("client", "sync", "-", stdin=_declarations(files))

    assert output.count(": updated") == 2
    for name, path in files.items():
        assert oauth.token(RegisteredClient(name, path.read_text().strip())).status_int == 200, name


def test_client_sync_registers_all_or_none(run, tmp_path):
    run("client", "add", "runnerly-strava", "--scope", "runs:read")
    run("client", "revoke", "runnerly-strava")
    files = _secret_files(tmp_path, "runnerly-dashboard", "runnerly-strava")

    output = run("client", "sync", "-", stdin=_declarations(files), exit_code=1)

    assert "client runnerly-strava is revoked" in output
    assert _stored("runnerly-dashboard") is None


def test_client_sync_writes_a_generated_secret_to_a_private_file(run, tmp_path, oauth):
    path = tmp_path / "runnerly-strava.secret"

    declarations = f"runnerly-strava:\n  scope: runs:write\n  secret_file: {path}\n"
    output = run("client", "sync", "-", stdin=declarations)

    secret = path.read_text()
    assert secret not in output
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert oauth.token(RegisteredClient("runnerly-strava", secret)).status_int == 200


@pytest.mark.parametrize(
    ("declarations", "said"),
    [
        ("runnerly-strava:\n  scope: runs:write\n  trused: true\n", "trused: Extra inputs are not permitted"),
        ("runnerly-strava:\n  trusted: true\n", "scope: Field required"),
        ("runnerly-strava:\n  scope: runs:write\n  trusted: maybe\n", "trusted: Input should be a valid"),
        ("- runnerly-strava\n", "must map at least one client name"),
        ("runnerly-strava: [\n", "not YAML"),
    ],
)
def test_client_sync_refuses_declarations_it_cannot_read_and_registers_nothing(run, declarations, said):
    output = run("client", "sync", "-", stdin=declarations, exit_code=1)

    assert said in output
    assert "Traceback" not in output
    assert _stored("runnerly-strava") is None


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
