"""``socialmap users``: accounts — add (with an invitation link), API token, list, disable."""

from __future__ import annotations

import os

import click

from .. import editing
from ..editing.accounts import INVITATION_DAYS
from .common import get_db

__all__ = ["COMMANDS"]


@click.group("users")
def users() -> None:
    """Accounts of the people who keep the map: editors, case workers, coordinators, admins.

    Example: socialmap users add anna@example.org --role editor --organisation women-centre
    """


def _invitation_link(token: str) -> str:
    base = (os.environ.get("SOCIALMAP_PUBLIC_URL") or "").rstrip("/")
    return f"{base}/account/invite/{token}"


@users.command("add")
@click.argument("email")
@click.option("--role", required=True, type=click.Choice(editing.ROLES), help="What they may do.")
@click.option("--region", "regions", multiple=True, help="A region they work in (repeatable).")
@click.option(
    "--organisation", "organisations", multiple=True, help="Their organisation (repeatable)."
)
@click.pass_context
def add(
    ctx: click.Context,
    email: str,
    role: str,
    regions: tuple[str, ...],
    organisations: tuple[str, ...],
) -> None:
    """Add a user and print their one-time invitation link (valid 7 days), where they set
    a password.

    Example: socialmap users add anna@example.org --role editor --organisation women-centre
    """
    db = get_db(ctx)
    token = editing.add_user(db, email, role, regions, organisations)
    click.echo(f"invitation for {email.strip().lower()} (valid {INVITATION_DAYS} days):")
    click.echo(_invitation_link(token))


@users.command("token")
@click.argument("email")
@click.pass_context
def token(ctx: click.Context, email: str) -> None:
    """Print a new API token for EMAIL — once: only its hash is kept.

    Example: socialmap users token anna@example.org
    """
    click.echo(editing.issue_token(get_db(ctx), email))


@users.command("list")
@click.pass_context
def list_(ctx: click.Context) -> None:
    """List every user: e-mail, role, regions, organisations, and whether disabled.

    Example: socialmap users list
    """
    for user in editing.list_users(get_db(ctx)):
        parts = [user.email, user.role]
        parts.append("regions: " + (", ".join(user.regions) or "-"))
        parts.append("organisations: " + (", ".join(user.organisations) or "-"))
        if user.disabled:
            parts.append("disabled")
        click.echo("\t".join(parts))


@users.command("disable")
@click.argument("email")
@click.pass_context
def disable(ctx: click.Context, email: str) -> None:
    """Disable EMAIL: their API tokens and password stop working at once.

    Example: socialmap users disable anna@example.org
    """
    user = editing.disable_user(get_db(ctx), email)
    click.echo(f"{user.email}: disabled")


COMMANDS = [users]
