"""Errors a service raises for the user to fix; messages are Chinese."""

from __future__ import annotations


class ServiceError(Exception):
    """A refused action; ``str(exc)`` is the message to show."""


class ValidationError(ServiceError):
    """Bad input.  ``fields`` maps a field name to its message, shown next to the field."""

    def __init__(self, fields: dict[str, str] | str) -> None:
        if isinstance(fields, str):
            fields = {"": fields}
        self.fields = fields
        super().__init__("；".join(fields.values()))


class PermissionDenied(ServiceError):
    pass


class NotFound(ServiceError):
    pass
