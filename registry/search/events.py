"""Audit verbs of the search app."""

SAVED_SEARCH_CREATED = "search.saved_search_created"
SAVED_SEARCH_DELETED = "search.saved_search_deleted"
