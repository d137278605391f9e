"""``runnerly-tokendealer keys ...``: list and rotate the signing keys."""

from datetime import UTC, datetime

import click

from runnerly_tokendealer.cli_environment import current_environment
from runnerly_tokendealer.keys.store import KeyRecord, KeyStore


@click.group(help="List and rotate the token signing keys.")
def keys() -> None:
    pass


@keys.command("list", help="Show every key and how long it stays published.")
def list_() -> None:
    store = current_environment().key_store()
    store.ensure_signing_key()
    click.echo(f"{'KID':<45} {'CREATED':<26} STATUS")
    for record in store.records():
        click.echo(f"{record.kid:<45} {_time(record.created_at):<26} {_status(record, store)}")


@keys.command(help="Sign with a new key; keep older keys published while their tokens live.")
def rotate() -> None:
    rotation = current_environment().key_store().rotate()
    click.echo(f"new signing key {rotation.new.kid}")
    if rotation.retired:
        click.echo(f"retired {rotation.retired.kid}")
    for record in rotation.dropped:
        click.echo(f"dropped {record.kid}: every token it signed has expired")


def _status(record: KeyRecord, store: KeyStore) -> str:
    until = record.published_until(store.retention)
    if until is None:
        return "signing"
    if until > datetime.now(UTC):
        return f"retired, published until {_time(until)}"
    return "expired, dropped at the next rotation"


def _time(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds")
