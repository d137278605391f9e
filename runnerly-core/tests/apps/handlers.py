"""Handlers of ``secured.yaml``."""


def whoami(token_info: dict):
    return {"sub": token_info["sub"], "subject_type": token_info.get("subject_type")}
