"""Settings of the data service, read from ``RUNNERLY_DATA_*`` variables."""

from pydantic import Field
from pydantic_settings import SettingsConfigDict

from runnerly_core.local import local_database_url
from runnerly_core.settings import ServiceSettings

SERVICE = "runnerly-data"


class DataSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="RUNNERLY_DATA_", extra="ignore")

    # make run's database (.run/data.sqlite), found from the root or a service folder.
    database_url: str = Field(default_factory=lambda: local_database_url("data"))
    # Where ``runs.changed`` goes for runs written one at a time; empty: not announced, the
    # broker being optional here (runnerly_core.brokers).
    broker_url: str = ""
