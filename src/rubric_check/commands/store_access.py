"""Opening the results store for the commands that read or change it (override, overrides, history,
diff): the same choice of store as ``score`` (--store, $RUBRIC_CHECK_STORE, ``store:``, default)."""

from __future__ import annotations

import getpass
from dataclasses import dataclass

from rubric_check.config import Settings, load_settings
from rubric_check.errors import RubricCheckError
from rubric_check.messages import message
from rubric_check.store import location as store_location
from rubric_check.store.connection import Database, StoreError
from rubric_check.store.migrations import open_store


@dataclass(frozen=True)
class StoreChoice:
    store: str | None = None
    no_store: bool = False
    config: str | None = None
    use_config: bool = True


def settings_for(choice: StoreChoice) -> Settings:
    return load_settings({"store.location": choice.store}, choice.config, choice.use_config)


def location_of(choice: StoreChoice, settings: Settings) -> str | None:
    return store_location.resolve(choice.store, choice.no_store, settings["store.location"])


def open_chosen(choice: StoreChoice) -> tuple[Database, Settings]:
    """The store, migrated; raises RubricCheckError when it is turned off or cannot be opened."""
    settings = settings_for(choice)
    location = location_of(choice, settings)
    if location is None:
        raise StoreError("store", message("store.disabled"))
    return open_store(location), settings


def reviewer(settings: Settings) -> str:
    """Who is overriding: ``store.reviewer`` in the configuration, else the login name."""
    configured = settings["store.reviewer"]
    if configured:
        return str(configured)
    try:
        return getpass.getuser()
    except (OSError, KeyError):  # no login name (a service account without a passwd entry)
        return message("override.unknown_reviewer")


__all__ = ["RubricCheckError", "StoreChoice", "location_of", "open_chosen", "reviewer", "settings_for"]
