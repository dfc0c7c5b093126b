"""Audit verbs of the organisation app."""

CORRESPONDENT_CREATED = "organisation.correspondent_created"
USER_ACCESS_CHANGED = "organisation.user_access_changed"
