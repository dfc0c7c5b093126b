import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType

from registry.core import compiled


@pytest.fixture
def compiled_fresh():
    """No statement remembered before or after the test. Content types are read once per
    process (Django keeps them); the test database starts without them in memory, which
    would make the first compile a reading one, so they are read here first."""
    ContentType.objects.get_for_models(*apps.get_models())
    compiled.compiled_clear()
    yield
    compiled.compiled_clear()
