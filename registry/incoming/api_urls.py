from django.urls import include, path
from rest_framework.routers import SimpleRouter

from .api.views import IncomingDocumentViewSet

router = SimpleRouter()
router.register("incoming", IncomingDocumentViewSet, basename="incoming")

urlpatterns = [path("", include(router.urls))]
