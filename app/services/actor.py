"""Who is acting: a signed-in user in the window, the OS user on the command line."""

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

    @property
    def can_approve(self) -> bool:
        # The command line is trusted: whoever runs it holds the database itself.
        return self.role is None or self.role.can_approve

    @property
    def is_admin(self) -> bool:
        return self.role is None or self.role is Role.ADMIN


def cli_actor() -> Actor:
    try:
        name = getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name on some service accounts
        name = "unknown"
    return Actor(label=f"命令行:{name}")
