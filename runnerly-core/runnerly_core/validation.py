"""Request validation messages that say which parameter is wrong.

Connexion reports a bad parameter as the bare JSON-schema error (``'2026-13' does not match
'^…$'`` followed by the whole schema); a client needs to know it was ``month``.
"""

from connexion.validators import ParameterValidator


class NamedParameterValidator(ParameterValidator):
    @staticmethod
    def validate_parameter(parameter_type, value, param, param_name=None):
        error = ParameterValidator.validate_parameter(parameter_type, value, param, param_name)
        if error is None or error.startswith("Missing"):
            return error
        message = error.split("\n\n", 1)[0]
        return f"{parameter_type.capitalize()} parameter '{param['name']}' is invalid: {message}"


VALIDATORS = {"parameter": NamedParameterValidator}
