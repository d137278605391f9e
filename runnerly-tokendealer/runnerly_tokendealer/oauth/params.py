"""Reading OAuth request parameters (RFC 6749 §3.2)."""

from collections.abc import Mapping, Sequence

from runnerly_tokendealer.oauth.errors import invalid_request

Form = Mapping[str, Sequence[str]]

# The parameters this server reads; any other is ignored, repeated or not (§3.2).
KNOWN = frozenset(
    {"grant_type", "scope", "audience", "subject", "client_id", "client_secret", "token", "token_type_hint"}
)


def single_valued(form: Form) -> dict[str, str]:
    """One value per known parameter; one sent without a value counts as absent.

    Parameters must not be repeated (§3.2): a second value is an error, never a choice.
    Unknown parameters are ignored, as §3.2 also requires.
    """
    known = {name: values for name, values in form.items() if name in KNOWN}
    repeated = sorted(name for name, values in known.items() if len(values) > 1)
    if repeated:
        raise invalid_request(f"Parameters must not be repeated: {', '.join(repeated)}.")
    return {name: values[0] for name, values in known.items() if values and values[0]}
