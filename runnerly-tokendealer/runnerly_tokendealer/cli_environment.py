"""What the management commands work on: settings, a database session, the key store.

Built from the environment when the console script runs; tests pass their own as click's
``obj`` so that commands run inside the test's transaction and key directory.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

import click
from sqlalchemy.orm import Session, sessionmaker

from runnerly_core.db import make_engine
from runnerly_tokendealer.clients.secrets import SecretHasher
from runnerly_tokendealer.keys.store import KeyStore
from runnerly_tokendealer.settings import TokenDealerSettings


@dataclass(frozen=True)
class CliEnvironment:
    settings: TokenDealerSettings
    new_session: Callable[[], Session]

    @classmethod
    def from_environment(cls) -> CliEnvironment:
        settings = TokenDealerSettings()
        engine = make_engine(settings.database_url)
        return cls(settings, sessionmaker(engine, expire_on_commit=False))

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        with self.new_session() as session, session.begin():
            yield session

    def key_store(self) -> KeyStore:
        return KeyStore().configure_from(self.settings)

    def hasher(self) -> SecretHasher:
        return SecretHasher.from_file(self.settings.client_secret_key_path)


def current_environment() -> CliEnvironment:
    root = click.get_current_context().find_root()
    if root.obj is None:
        root.obj = CliEnvironment.from_environment()
    return root.obj
