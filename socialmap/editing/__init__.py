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
    new_invitation,
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
from .demo import DEMO_COORDINATOR, DEMO_EDITOR, demo_accounts
from .history import Change, web_changes_since_import
from .listing import Entries, editable_organisations, organisation_entries, region_nodes
from .permissions import RULES, Target, may
from .records import Stored
from .records import load as load_record

__all__ = [
    "DEMO_COORDINATOR",
    "DEMO_EDITOR",
    "ROLES",
    "RULES",
    "Change",
    "Entries",
    "Result",
    "Stored",
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
    "demo_accounts",
    "disable_user",
    "editable_organisations",
    "get_user",
    "invitation_user",
    "issue_token",
    "list_changes",
    "list_users",
    "load_record",
    "may",
    "password_fingerprint",
    "merge_patch",
    "new_invitation",
    "organisation_entries",
    "patch_location",
    "patch_offer",
    "patch_organisation",
    "put_referral_link",
    "region_nodes",
    "revert_change",
    "target_of",
    "verify_offer",
    "verify_organisation",
    "web_changes_since_import",
]
