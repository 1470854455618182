"""``socialmap remind``: mail editors the entries of their organisations that are due."""

from __future__ import annotations

import datetime as dt
import os

import click

from ..mail import public_link, smtp_settings
from ..network.reminders import confirm_path, plan_reminders, send_reminders
from .common import get_db

__all__ = ["COMMANDS"]


@click.command("remind")
@click.option("--dry-run", is_flag=True, help="Print what would be sent; send and store nothing.")
@click.option("--region", default=None, help="Only the organisations of this region.")
@click.pass_context
def remind(ctx: click.Context, dry_run: bool, region: str | None) -> None:
    """Mail each organisation's editors its entries not verified for 6 months (organisation,
    offers) and referral links not confirmed for 12, with a link to confirm them.  An editor
    gets at most one reminder per organisation a week, however often this runs.

    Example: socialmap remind --dry-run --region den-haag
    """
    db = get_db(ctx)
    if region is not None and not db.table("regions").count_where("id = ?", [region]):
        raise click.ClickException(f"--region: unknown region {region!r}")
    settings = None if dry_run else smtp_settings()
    if not dry_run and settings is None:
        raise click.ClickException(
            "SOCIALMAP_SMTP_URL: not set — reminders need a mail server (see what would be"
            " sent with --dry-run)"
        )
    if not os.environ.get("SOCIALMAP_PUBLIC_URL"):
        click.echo("SOCIALMAP_PUBLIC_URL: not set — the mails' links are bare paths", err=True)
    now = dt.datetime.now(dt.UTC)
    reminders, orphans = plan_reminders(db, now=now, region=region)
    for organisation in orphans:
        click.echo(f"{organisation}: entries due, but no editor to remind", err=True)
    if dry_run:
        for reminder in reminders:
            mail = reminder.mail(public_link(confirm_path(reminder.organisation)))
            click.echo(f"To: {mail.to}\nSubject: {mail.subject}\n\n{mail.body}\n")
        click.echo(f"{len(reminders)} reminder(s) would be sent (dry run: nothing sent)")
        return
    assert settings is not None
    sent = send_reminders(db, settings, reminders, now=now)
    click.echo(f"{sent} reminder(s) sent")


COMMANDS = [remind]
