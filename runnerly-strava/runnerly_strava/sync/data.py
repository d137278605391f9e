"""The data service, as the sync writes to it (service token, audience runnerly-data).

The client is runnerly-core's, shared with the file import."""

from runnerly_core.dataservice import AUDIENCE, BATCH, DataService, DataServiceError, DataServiceUnavailable

SCOPE = "runs:read runs:write users:read"

__all__ = ["AUDIENCE", "BATCH", "SCOPE", "DataService", "DataServiceError", "DataServiceUnavailable"]
