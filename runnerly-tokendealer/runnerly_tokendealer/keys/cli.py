"""``runnerly-tokendealer keys ...``: list and rotate the signing keys."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import TYPE_CHECKING

import click

if TYPE_CHECKING:
    from runnerly_tokendealer.keys.store import KeyRecord, KeyStore


def _environment():
    """Imported when a command runs: the console script imports this module for every
    command, ``serve`` included, which needs neither SQLAlchemy nor the keys."""
    from runnerly_tokendealer.cli_environment import current_environment

    return current_environment()


@click.group(help="List, rotate and revoke the token signing keys.")
def keys() -> None:
    pass


@keys.command("list", help="Show every key and how long it stays published.")
def list_() -> None:
    store = _environment().key_store()
    store.ensure_signing_key()
    click.echo(f"{'KID':<45} {'CREATED':<26} STATUS")
    for record in store.records():
        click.echo(f"{record.kid:<45} {_time(record.created_at):<26} {_status(record, store)}")


@keys.command(help="Sign with a new key; keep older keys published while their tokens live.")
def rotate() -> None:
    rotation = _environment().key_store().rotate()
    click.echo(f"new signing key {rotation.new.kid}")
    if rotation.retired:
        click.echo(f"retired {rotation.retired.kid}")
    for record in rotation.dropped:
        click.echo(f"dropped {record.kid}: every token it signed has expired")


@keys.command(help="Stop publishing KID at once and delete it; its tokens stop verifying.")
@click.argument("kid")
@click.option("--rotate", is_flag=True, help="KID is the signing key: sign with a new key first.")
def revoke(kid: str, rotate: bool) -> None:
    try:
        rotation = _environment().key_store().revoke(kid, rotate=rotate)
    except KeyError:
        raise click.ClickException(f"no key {kid}; `keys list` shows them") from None
    except Exception as error:
        from runnerly_tokendealer.keys.store import SigningKeyError

        if not isinstance(error, SigningKeyError):
            raise
        raise click.ClickException(str(error)) from None
    if rotation:
        click.echo(f"new signing key {rotation.new.kid}")
    click.echo(f"revoked {kid}: gone from the JWKS now, from services within their JWKS refresh")


def _status(record: KeyRecord, store: KeyStore) -> str:
    until = record.published_until(store.retention)
    if until is None:
        return "signing"
    if until > datetime.now(UTC):
        return f"retired, published until {_time(until)}"
    return "expired, dropped at the next rotation"


def _time(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
