"""Settings of the data service, read from ``RUNNERLY_DATA_*`` variables."""

from pydantic_settings import SettingsConfigDict

from runnerly_core.settings import ServiceSettings

SERVICE = "runnerly-data"


class DataSettings(ServiceSettings):
    model_config = SettingsConfigDict(env_prefix="RUNNERLY_DATA_", extra="ignore")

    database_url: str = "sqlite:///runnerly-data.sqlite"
    # Where ``runs.changed`` goes for runs written one at a time; empty: not announced, the
    # broker being optional here (runnerly_core.brokers).
    broker_url: str = ""
