"""Who is acting: a signed-in user in the window, the command line as its own named role.

An ``Actor`` only says who asks; what they may do is decided by
``app.services.rights.require`` inside the transaction of the action, from the
user's role and status as the database holds them at that moment.  The role
kept here is the one at sign-in and serves only to shape the window (which
buttons to offer); it is never trusted for a decision.
"""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from app.db.models import Role


@dataclass(frozen=True)
class Actor:
    """The person a service call is made for; ``label`` goes into the audit trail."""

    label: str
    user_id: int | None = None
    role: Role | None = None
    full_name: str = ""
    cli: bool = False  # the command line: its rights are rights.CLI_RIGHTS

    @property
    def can_approve(self) -> bool:
        """A hint for the window; the service checks the current role again."""
        return self.role is not None and self.role.can_approve

    @property
    def is_admin(self) -> bool:
        """A hint for the window; an actor without a role is never an administrator."""
        return self.role is Role.ADMIN


def cli_actor() -> Actor:
    try:
        name = getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name on some service accounts
        name = "unknown"
    return Actor(label=f"命令行:{name}", cli=True)
