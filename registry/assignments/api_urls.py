from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("assignments", api.AssignmentViewSet, basename="assignment")
router.register("assignment-extensions", api.ExtensionRequestViewSet,
                basename="assignment-extension")

urlpatterns = [
    path("", include(router.urls)),
    # The notifications API is served beside ours until the project's urls list it itself.
    path("", include("registry.notifications.api_urls")),
]
