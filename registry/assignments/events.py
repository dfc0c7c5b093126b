"""Audit verbs of the assignments app."""

ASSIGNMENT_CREATED = "assignment.created"
