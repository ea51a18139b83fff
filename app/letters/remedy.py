"""The remedy clause (救济条款) built from the agency profile.

行政复议 within 60 days (行政复议法 2023 第二十条) to the reconsideration body;
行政诉讼 within 6 months (行政诉讼法第四十六条).  Since 2024-01-01 a 不予公开
decision must first go to reconsideration (行政复议法第二十三条第一款第四项),
then to court within 15 days of the reconsideration decision — never a choice.
"""

from __future__ import annotations

from app.services.profile import Profile


def remedy_clause(profile: Profile, reconsideration_first: bool) -> str:
    body, court = profile.reconsideration_body, profile.court  # both required: compose refuses a letter without
    if reconsideration_first:
        return (f"如对本告知不服，可以自收到本告知书之日起60日内向{body}申请行政复议；"
                f"对行政复议决定不服的，可以自收到行政复议决定书之日起15日内向{court}提起行政诉讼。")
    return (f"如对本告知不服，可以自收到本告知书之日起60日内向{body}申请行政复议，"
            f"或者自收到本告知书之日起6个月内向{court}提起行政诉讼。")
