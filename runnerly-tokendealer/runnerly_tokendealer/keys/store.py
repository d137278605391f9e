"""Signing keys on disk: RSA private keys and a manifest of their lifetimes.

Layout of the key directory (mode 0700)::

    keys.json   {"keys": [{"kid", "created_at", "retired_at"}, ...]}, newest first
    <kid>.pem   the PKCS#8 private key, mode 0600
    .lock       serialises writers across processes (gunicorn workers, the CLI)

Readers take no lock: a key file is complete before the manifest names it, and the
manifest is replaced atomically. Each process caches the loaded keys and reloads them when
the manifest changes, so ``keys rotate`` reaches every worker on its next request.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from filelock import FileLock

from runnerly_tokendealer.keys.jwk import public_jwk, thumbprint
from runnerly_tokendealer.settings import TokenDealerSettings

MANIFEST = "keys.json"
LOCK_TIMEOUT_SECONDS = 30


@dataclass(frozen=True)
class KeyRecord:
    kid: str
    created_at: datetime
    retired_at: datetime | None = None

    def published_until(self, retention: timedelta) -> datetime | None:
        """``None`` while the key signs; afterwards, until its last token has expired."""
        return None if self.retired_at is None else self.retired_at + retention

    def is_published(self, now: datetime, retention: timedelta) -> bool:
        until = self.published_until(retention)
        return until is None or now < until

    def to_json(self) -> dict:
        retired = self.retired_at.isoformat() if self.retired_at else None
        return {"kid": self.kid, "created_at": self.created_at.isoformat(), "retired_at": retired}

    @classmethod
    def from_json(cls, data: dict) -> KeyRecord:
        retired = data.get("retired_at")
        return cls(
            data["kid"],
            datetime.fromisoformat(data["created_at"]),
            datetime.fromisoformat(retired) if retired else None,
        )


@dataclass(frozen=True)
class SigningKey:
    record: KeyRecord
    private_key: rsa.RSAPrivateKey

    @property
    def kid(self) -> str:
        return self.record.kid

    def public_jwk(self) -> dict:
        return public_jwk(self.private_key.public_key(), self.kid)


@dataclass(frozen=True)
class Rotation:
    new: KeyRecord
    retired: KeyRecord | None
    dropped: list[KeyRecord]


class SigningKeyError(Exception):
    """Revoking the key that signs would leave the dealer with none."""

    def __init__(self, kid: str) -> None:
        super().__init__(
            f"{kid} is the signing key, and the dealer needs one: pass --rotate to sign with a "
            "new key and revoke this one at once (or run `keys rotate` first)"
        )


class KeyStore:
    """The process's view of the key directory (an extension bound by ``configure``)."""

    def __init__(self) -> None:
        self.directory = Path(".run/tokendealer/keys")
        self.bits = 2048
        self.retention = timedelta(hours=1)
        self._cache: tuple[tuple | None, dict[str, SigningKey]] = (None, {})
        self._reload_lock = threading.Lock()

    def configure(self, directory: Path, *, bits: int, retention: timedelta) -> KeyStore:
        self.directory, self.bits, self.retention = Path(directory), bits, retention
        self._cache = (None, {})
        return self

    def configure_from(self, settings: TokenDealerSettings) -> KeyStore:
        return self.configure(
            settings.key_directory, bits=settings.rsa_key_bits, retention=settings.key_retention
        )

    def ensure_signing_key(self) -> None:
        """Create the first key unless one signs already; safe in concurrent processes."""
        with self._writing():
            records = self._read_manifest()
            if not any(record.retired_at is None for record in records):
                self._write_manifest([self._generate_key(_now()), *records])

    def signing_key(self) -> SigningKey:
        key = self._active_key()
        if key is None:
            self.ensure_signing_key()
            key = self._active_key()
        return key

    def published_keys(self, now: datetime | None = None) -> list[SigningKey]:
        """Keys whose signatures may still be valid, newest first."""
        now = now or _now()
        return [key for key in self._loaded().values() if key.record.is_published(now, self.retention)]

    def find_published(self, kid: str, now: datetime | None = None) -> SigningKey | None:
        return next((key for key in self.published_keys(now) if key.kid == kid), None)

    def records(self) -> list[KeyRecord]:
        return self._read_manifest()

    def rotate(self, now: datetime | None = None) -> Rotation:
        """A new key signs from ``now``; keys whose tokens have all expired are deleted."""
        now = now or _now()
        with self._writing():
            records = self._read_manifest()
            retired = next((r for r in records if r.retired_at is None), None)
            records = [replace(r, retired_at=r.retired_at or now) for r in records]
            kept = [r for r in records if r.is_published(now, self.retention)]
            new = self._generate_key(now)
            self._write_manifest([new, *kept])
            dropped = [r for r in records if r not in kept]
            self._delete_key_files(dropped)
        return Rotation(new, retired, dropped)

    def revoke(self, kid: str, *, rotate: bool = False) -> Rotation | None:
        """Stop publishing ``kid`` at once and delete it: its tokens stop verifying here,
        and at services once they refresh the JWKS. The signing key can be revoked only
        with ``rotate`` (a new key signs first), so that the dealer always has one."""
        with self._writing():
            records = self._read_manifest()
            target = next((record for record in records if record.kid == kid), None)
            if target is None:
                raise KeyError(f"no key {kid}")
            rotation = None
            if target.retired_at is None:
                if not rotate:
                    raise SigningKeyError(kid)
                rotation = Rotation(self._generate_key(_now()), target, [])
                records = [rotation.new, *records]
            self._write_manifest([record for record in records if record.kid != kid])
            self._delete_key_files([target])
        return rotation

    def _active_key(self) -> SigningKey | None:
        return next((key for key in self._loaded().values() if key.record.retired_at is None), None)

    def _loaded(self) -> dict[str, SigningKey]:
        signature = self._manifest_signature()
        if self._cache[0] != signature:
            with self._reload_lock:
                if self._cache[0] != signature:
                    self._cache = (signature, self._load_keys())
        return self._cache[1]

    def _load_keys(self) -> dict[str, SigningKey]:
        return {
            record.kid: SigningKey(record, self._load_private_key(record.kid))
            for record in self._read_manifest()
        }

    def _load_private_key(self, kid: str) -> rsa.RSAPrivateKey:
        key = serialization.load_pem_private_key(self._key_path(kid).read_bytes(), password=None)
        if not isinstance(key, rsa.RSAPrivateKey):
            raise TypeError(f"{self._key_path(kid)} does not hold an RSA private key")
        return key

    def _manifest_signature(self) -> tuple | None:
        try:
            stat = (self.directory / MANIFEST).stat()
        except FileNotFoundError:
            return None
        return stat.st_ino, stat.st_mtime_ns, stat.st_size

    def _read_manifest(self) -> list[KeyRecord]:
        try:
            data = json.loads((self.directory / MANIFEST).read_text())
        except FileNotFoundError:
            return []
        return [KeyRecord.from_json(entry) for entry in data["keys"]]

    def _write_manifest(self, records: list[KeyRecord]) -> None:
        # Write beside, then rename: readers see the old manifest or the new, never half.
        temporary = self.directory / f".{MANIFEST}.{os.getpid()}.tmp"
        temporary.unlink(missing_ok=True)  # left by a writer that died mid-write
        _write_private_file(
            temporary, json.dumps({"keys": [record.to_json() for record in records]}, indent=2).encode()
        )
        os.replace(temporary, self.directory / MANIFEST)

    def _generate_key(self, now: datetime) -> KeyRecord:
        private_key = rsa.generate_private_key(public_exponent=65537, key_size=self.bits)
        kid = thumbprint(private_key.public_key())
        _write_private_file(
            self._key_path(kid),
            private_key.private_bytes(
                serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
            ),
        )
        return KeyRecord(kid, now)

    def _delete_key_files(self, records: list[KeyRecord]) -> None:
        for record in records:
            self._key_path(record.kid).unlink(missing_ok=True)

    def _key_path(self, kid: str) -> Path:
        return self.directory / f"{kid}.pem"

    @contextmanager
    def _writing(self) -> Iterator[None]:
        self.directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        with FileLock(self.directory / ".lock", timeout=LOCK_TIMEOUT_SECONDS, mode=0o600):
            yield


def _write_private_file(path: Path, content: bytes) -> None:
    """Create ``path`` readable by its owner only; fail rather than overwrite."""
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as file:
        file.write(content)
        file.flush()
        os.fsync(file.fileno())


def _now() -> datetime:
    return datetime.now(UTC)
