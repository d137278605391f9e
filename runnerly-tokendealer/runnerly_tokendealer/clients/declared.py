"""The clients a deployment declares for ``client sync``: a YAML mapping of client names to
what ``client add`` takes as options, so that one process registers them all."""

from __future__ import annotations

from pathlib import Path

import yaml
from pydantic import BaseModel, ConfigDict, StrictBool, ValidationError

from runnerly_tokendealer.clients.services import ClientError


class DeclaredClient(BaseModel):
    """One client, as ``client add NAME --scope ... [--audience ...] [--trusted]
    [--secret-from FILE | --secret-file FILE]`` would register it."""

    # A misspelt key (``trused``) is refused rather than quietly leaving a default.
    model_config = ConfigDict(extra="forbid", frozen=True)

    scope: str
    audience: str | None = None
    trusted: StrictBool = False
    secret_from: Path | None = None
    secret_file: Path | None = None

    def provided_secret(self) -> str | None:
        """The secret ``secret_from`` holds (a Docker secret), or ``None`` to generate one."""
        return self.secret_from.read_text().strip() if self.secret_from else None


def read_declared(text: str) -> dict[str, DeclaredClient]:
    """The clients ``text`` declares, in the order it names them."""
    try:
        document = yaml.safe_load(text)
    except yaml.YAMLError as error:
        raise ClientError(f"the client declarations are not YAML: {error}") from None
    if not isinstance(document, dict) or not document:
        raise ClientError("the client declarations must map at least one client name to its options")
    return {str(name): _declared(str(name), options) for name, options in document.items()}


def _declared(name: str, options: object) -> DeclaredClient:
    try:
        declared = DeclaredClient.model_validate(options)
    except ValidationError as error:
        problems = "; ".join(_problem(each) for each in error.errors())
        raise ClientError(f"client {name}: {problems}") from None
    if declared.secret_from and declared.secret_file:
        raise ClientError(f"client {name}: secret_from and secret_file exclude each other")
    return declared


def _problem(error: dict) -> str:
    where = ".".join(str(part) for part in error["loc"]) or "options"
    return f"{where}: {error['msg']}"
