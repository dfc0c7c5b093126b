from django.urls import include, path
from rest_framework.routers import SimpleRouter

from . import api

router = SimpleRouter()
router.register("files", api.CaseFileViewSet, basename="casefile")

urlpatterns = [path("", include(router.urls))]
