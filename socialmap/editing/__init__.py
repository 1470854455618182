"""Editing the map: the one write path of every web form, API call and command.

One function per action (:mod:`.actions`) validates the record exactly as an
import does, writes it in one transaction (:func:`socialmap.store.write`), bumps its
``version``, records the change (:mod:`.history`) and logs it on the routing
change feed so every server process sees it within seconds.  Who may do what
is one table (:mod:`.permissions`); accounts and tokens are :mod:`.accounts`.
Nothing here imports Flask.
"""

from __future__ import annotations

from .accounts import (
    ROLES,
    User,
    accept_invitation,
    add_user,
    authenticate_token,
    check_password,
    disable_user,
    get_user,
    invitation_user,
    issue_token,
    list_users,
    password_fingerprint,
)
from .actions import (
    Result,
    confirm_referral_link,
    create_location,
    create_offer,
    create_organisation,
    delete_location,
    delete_offer,
    delete_referral_link,
    list_changes,
    merge_patch,
    patch_location,
    patch_offer,
    patch_organisation,
    put_referral_link,
    revert_change,
    target_of,
    verify_offer,
    verify_organisation,
)
from .history import Change, web_changes_since_import
from .listing import editable_organisations
from .permissions import RULES, Target, may

__all__ = [
    "ROLES",
    "RULES",
    "Change",
    "Result",
    "Target",
    "User",
    "accept_invitation",
    "add_user",
    "authenticate_token",
    "check_password",
    "confirm_referral_link",
    "create_location",
    "create_offer",
    "create_organisation",
    "delete_location",
    "delete_offer",
    "delete_referral_link",
    "disable_user",
    "editable_organisations",
    "get_user",
    "invitation_user",
    "issue_token",
    "list_changes",
    "list_users",
    "may",
    "password_fingerprint",
    "merge_patch",
    "patch_location",
    "patch_offer",
    "patch_organisation",
    "put_referral_link",
    "revert_change",
    "target_of",
    "verify_offer",
    "verify_organisation",
    "web_changes_since_import",
]
