from rest_framework.routers import SimpleRouter

from .api.views import OutgoingViewSet

router = SimpleRouter()
router.register("outgoing", OutgoingViewSet, basename="outgoing")
urlpatterns = router.urls
