from django.urls import include, path
from rest_framework.routers import SimpleRouter

from .api import OutgoingPacketView, PacketViewSet, RecipientStateViewSet

router = SimpleRouter()
router.register("exchange/inbox", PacketViewSet, basename="exchange-packet")
router.register("exchange/recipients", RecipientStateViewSet, basename="exchange-recipient")

urlpatterns = [
    path("outgoing/<int:pk>/edxml/", OutgoingPacketView.as_view(), name="outgoing-edxml"),
    path("", include(router.urls)),
]
