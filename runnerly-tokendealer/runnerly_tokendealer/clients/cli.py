"""``runnerly-tokendealer client ...``: register, list and revoke clients."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import click


def _services():
    """Imported when a command runs: the console script imports this module for every
    command, ``serve`` included, which needs neither SQLAlchemy nor the settings."""
    from runnerly_tokendealer.clients import services

    return services


def _declared():
    from runnerly_tokendealer.clients import declared

    return declared


def _environment():
    from runnerly_tokendealer.cli_environment import current_environment

    return current_environment()


@click.group(help="Register, list and revoke OAuth clients.")
def client() -> None:
    pass


@client.command(help="Register a client and show its secret once.")
@click.argument("name")
@click.option("--scope", "scope", required=True, help='Space-separated scopes, e.g. "runs:read runs:write".')
@click.option(
    "--audience",
    "audience",
    help='Space-separated services its tokens may be for, e.g. "runnerly-data"; default: every audience.',
)
@click.option("--trusted", is_flag=True, help="May obtain tokens on behalf of users, within its scopes.")
@click.option(
    "--secret-file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the secret to this file (mode 0600) instead of printing it.",
)
@click.option(
    "--secret-from",
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Register the secret this file holds (a Docker secret) instead of generating one.",
)
@click.option("--rotate-secret", is_flag=True, help="If NAME exists, give it a new secret and these scopes.")
def add(
    name: str,
    scope: str,
    audience: str | None,
    trusted: bool,
    secret_file: Path | None,
    secret_from: Path | None,
    rotate_secret: bool,
) -> None:
    wanted = _declared().DeclaredClient(
        scope=scope, audience=audience, trusted=trusted, secret_from=secret_from, secret_file=secret_file
    )
    environment = _environment()
    with environment.transaction() as session, _reported():
        secret = _register(session, environment, environment.hasher(), name, wanted, rotate_secret)
    _say_where_the_secret_is(name, secret, secret_file, secret_from)


@client.command(
    help="Register every client FILE declares, in one process and one transaction (all or "
    "none): a client that is missing is added, one that exists gets the declared scopes, "
    "audiences and trust and its secret again (a changed secret file rotates it). FILE ('-' "
    "for standard input) is YAML mapping each name to `scope`, and optionally `audience`, "
    "`trusted`, `secret_from` or `secret_file`, as `client add` takes them."
)
@click.argument("declarations", metavar="FILE", type=click.File("r"))
def sync(declarations) -> None:
    environment = _environment()
    with environment.transaction() as session, _reported():
        declared = _declared().read_declared(declarations.read())
        hasher, added = environment.hasher(), []
        for name, wanted in declared.items():
            existed = _services().find_client(session, name) is not None
            secret = _register(session, environment, hasher, name, wanted, rotate_secret=True)
            added.append((name, existed, secret, wanted))
    for name, existed, secret, wanted in added:
        click.echo(f"client {name}: {'updated' if existed else 'added'}")
        _say_where_the_secret_is(name, secret, wanted.secret_file, wanted.secret_from)


def _register(session, environment, hasher, name: str, wanted, rotate_secret: bool) -> str:
    """Register one client (a ``DeclaredClient``) in the open transaction; its secret."""
    registration = _services().Registration(
        wanted.scope.split(), _audiences(wanted.audience, environment), wanted.trusted
    )
    _client, secret = _services().add_client(
        session, hasher, name, registration, rotate_secret=rotate_secret, secret=wanted.provided_secret()
    )
    if wanted.secret_file is not None:
        _write_secret(wanted.secret_file, secret)  # before the commit: a failed write keeps nothing
    return secret


def _say_where_the_secret_is(
    name: str, secret: str, secret_file: Path | None, secret_from: Path | None
) -> None:
    if secret_from is not None:
        click.echo(f"client {name}: registered with the secret in {secret_from}")
    elif secret_file is None:
        click.echo(f"client {name}: secret {secret}")
        click.echo("Store it now: only a hash is kept, and it cannot be shown again.")
    else:
        click.echo(f"client {name}: secret written to {secret_file}")


@client.command("list", help="Show every client (never secrets).")
def list_() -> None:
    with _environment().transaction() as session:
        clients = _services().list_clients(session)
    click.echo(f"{'NAME':<30} {'TRUSTED':<8} {'REVOKED':<26} SCOPES / AUDIENCES")
    for each in clients:
        revoked = each.revoked_at.isoformat(timespec="seconds") if each.revoked_at else "-"
        trusted = "yes" if each.trusted else "no"
        click.echo(f"{each.name:<30} {trusted:<8} {revoked:<26} {each.scope} / {each.audience}")


@client.command(help="Revoke a client: its credentials and tokens stop working.")
@click.argument("name")
def revoke(name: str) -> None:
    with _environment().transaction() as session, _reported():
        _services().revoke_client(session, name)
    click.echo(f"client {name}: revoked")


def _audiences(audience: str | None, environment) -> list[str]:
    known = environment.settings.audiences
    if audience is None:
        return list(known)
    unknown = sorted(set(audience.split()) - set(known))
    if unknown:
        raise click.BadParameter(
            f"not an audience this dealer issues for: {' '.join(unknown)} (known: {' '.join(known)})",
            param_hint="--audience",
        )
    return audience.split()


@contextmanager
def _reported() -> Iterator[None]:
    """A refused request ends in a one-line error and exit status 1, not a traceback."""
    try:
        yield
    except _services().ClientError as error:
        raise click.ClickException(str(error)) from None
    except OSError as error:
        raise click.ClickException(f"cannot use the secret file: {error}") from None


def _write_secret(path: Path, secret: str) -> None:
    # Only the secret, no newline: the file can serve as a pydantic-settings or Docker secret.
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW, 0o600)
    os.fchmod(descriptor, 0o600)  # O_CREAT's mode does not apply to an existing file
    with os.fdopen(descriptor, "w") as file:
        file.write(secret)
