"""How the network keeps the map true: entries due for confirmation, reminders, suggestions
from the public, organisations asking to join, and a readable diff of a change.

Writes to the dataset itself go through :mod:`socialmap.editing` (an approved
registration creates its organisation there, recorded in history); this package
writes only its own tables (reminders sent, suggestions, registrations).
Nothing here imports Flask.
"""

from __future__ import annotations
