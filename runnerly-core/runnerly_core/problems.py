"""RFC 7807 problems raised by handlers; Connexion renders them as problem+json."""

from connexion.exceptions import ProblemException


def problem(status: int, title: str, detail: str, **extensions) -> ProblemException:
    """A problem to ``raise``; extension members (``errors``, ``index`` ...) go in the body."""
    return ProblemException(status=status, title=title, detail=detail, ext=extensions or None)


def bad_request(detail: str, **extensions) -> ProblemException:
    return problem(400, "Bad Request", detail, **extensions)


def forbidden(detail: str) -> ProblemException:
    return problem(403, "Forbidden", detail)


def not_found(detail: str) -> ProblemException:
    return problem(404, "Not Found", detail)


def conflict(detail: str, **extensions) -> ProblemException:
    return problem(409, "Conflict", detail, **extensions)


def precondition_failed(detail: str) -> ProblemException:
    return problem(412, "Precondition Failed", detail)
