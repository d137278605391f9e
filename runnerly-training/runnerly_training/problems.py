"""The model's errors as the client's: each names the input at fault and why."""

from collections.abc import Iterator
from contextlib import contextmanager

from runnerly_core.problems import bad_request, problem
from runnerly_training.model import InfeasiblePlan, TrainingModelError


@contextmanager
def model_errors_as_bad_request() -> Iterator[None]:
    """Wrap only computations on the client's own input: a model error there is a 400."""
    try:
        yield
    except InfeasiblePlan as error:
        # Valid input, but no plan worth running: 422, with what would work instead.
        raise problem(422, "Unprocessable Content", error.reason, advice=list(error.advice)) from None
    except TrainingModelError as error:
        raise bad_request(str(error)) from None
