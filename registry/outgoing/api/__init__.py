"""The outgoing API (/api/v1/outgoing/): the same services and selectors as the pages."""
