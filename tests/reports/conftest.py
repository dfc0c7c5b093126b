"""The reports tests reuse the search tests' documents made through the real services."""

from tests.outgoing.conftest import chain, make_draft, pdf, signed_draft  # noqa: F401
from tests.search.conftest import clerk, issued, leader, register_doc  # noqa: F401
