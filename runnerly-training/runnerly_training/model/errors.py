"""Domain errors: each message says exactly which input is wrong and why.

They subclass ``ValueError`` so the web layer can turn any of them into a
400 problem+json response without knowing the model's internals.
"""


class TrainingModelError(ValueError):
    """An input the training model cannot work with."""


class InvalidPerformance(TrainingModelError):
    """A distance/time pair that is not a plausible running performance."""


class InvalidVdot(TrainingModelError):
    """A VDOT value outside what a human can have."""


class InvalidProfile(TrainingModelError):
    """A heart-rate profile that cannot describe a real runner."""


class InvalidPlanRequest(TrainingModelError):
    """Plan inputs that contradict each other or are out of range."""


class InfeasiblePlan(TrainingModelError):
    """A valid request for a plan that would not prepare the runner for the race.

    ``advice`` lists what would make it feasible (a shorter race, more weeks, run-walk).
    """

    def __init__(self, reason: str, advice: tuple[str, ...]) -> None:
        super().__init__(" ".join((reason, *advice)))
        self.reason = reason
        self.advice = advice
