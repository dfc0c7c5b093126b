from django.urls import path

from . import views

app_name = "exchange"
urlpatterns = [
    path("", views.inbox_view, name="inbox"),
    path("<int:pk>/", views.packet_view, name="packet"),
    path("<int:pk>/tiep-nhan/", views.accept_view, name="accept"),
    path("<int:pk>/tu-choi/", views.refuse_view, name="refuse"),
    path("thay-doi/<int:pk>/ap-dung/", views.change_apply_view, name="change_apply"),
    path("noi-nhan/", views.recipients_view, name="recipients"),
]
