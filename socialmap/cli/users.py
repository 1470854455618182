"""``socialmap users``: accounts — add (with an invitation link), password reset, API token,
list, disable."""

from __future__ import annotations

from collections.abc import Callable

import click

from .. import editing
from ..editing.accounts import INVITATION_DAYS
from ..editing.resets import RESET_HOURS
from ..mail import public_link, smtp_settings
from ..network.accounts import invite, send_reset
from .common import get_db

__all__ = ["COMMANDS"]


@click.group("users")
def users() -> None:
    """Accounts of the people who keep the map: editors, case workers, coordinators, admins.

    Example: socialmap users add anna@example.org --role editor --organisation women-centre
    """


def _link(kind: str) -> Callable[[str], str]:
    return lambda token: public_link(f"/account/{kind}/{token}")


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
    """Add a user and send their one-time invitation link (valid 7 days), where they set
    a password: by mail when SOCIALMAP_SMTP_URL is set, else printed here.

    Example: socialmap users add anna@example.org --role editor --organisation women-centre
    """
    db = get_db(ctx)
    sent = invite(
        db,
        email,
        role,
        regions=regions,
        organisations=organisations,
        settings=smtp_settings(),
        link=_link("invite"),
    )
    if sent.mailed:
        click.echo(f"invitation for {sent.email} (valid {INVITATION_DAYS} days): mailed")
        return
    click.echo(f"invitation for {sent.email} (valid {INVITATION_DAYS} days):")
    click.echo(sent.link)


@users.command("reset")
@click.argument("email")
@click.pass_context
def reset(ctx: click.Context, email: str) -> None:
    """Send EMAIL a one-time link to set a new password (valid 2 hours): by mail when
    SOCIALMAP_SMTP_URL is set, else printed here.

    Example: socialmap users reset anna@example.org
    """
    sent = send_reset(get_db(ctx), email, settings=smtp_settings(), link=_link("reset"))
    if sent is None:
        raise click.ClickException(f"email: {email.strip().lower()!r} has no enabled account")
    if sent.mailed:
        click.echo(f"password reset link for {sent.email} (valid {RESET_HOURS} hours): mailed")
        return
    click.echo(f"password reset link for {sent.email} (valid {RESET_HOURS} hours):")
    click.echo(sent.link)


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
