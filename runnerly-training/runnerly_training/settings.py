"""Settings of the training service, read from ``RUNNERLY_TRAINING_*`` variables."""

from pydantic_settings import SettingsConfigDict

from runnerly_core.settings import ClientSettings

SERVICE = "runnerly-training"


class TrainingSettings(ClientSettings):
    """``client_id``/``client_secret``/``token_url`` (from :class:`ClientSettings`) get the
    client-credentials token this service calls the data service with."""

    model_config = SettingsConfigDict(env_prefix="RUNNERLY_TRAINING_", extra="ignore")

    client_id: str = SERVICE
    # The cache of computed fitness and load: this service's own database.
    database_url: str = "sqlite:///runnerly-training.sqlite"
    data_url: str = "http://localhost:5002"
    # Empty: the local RabbitMQ (runnerly_core.brokers, the policy of every service).
    broker_url: str = ""
