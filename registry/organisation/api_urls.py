from django.urls import include, path
from rest_framework.routers import DefaultRouter

from . import api

router = DefaultRouter()
router.register("correspondents", api.CorrespondentViewSet, basename="correspondent")
router.register("units", api.UnitViewSet, basename="unit")
router.register("document-types", api.DocumentTypeViewSet, basename="document-type")

urlpatterns = [
    path("me/", api.me, name="api-me"),
    path("", include(router.urls)),
]
