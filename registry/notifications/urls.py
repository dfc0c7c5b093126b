from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.notification_list, name="list"),
    path("chuong/", views.notification_bell, name="bell"),
    path("<int:pk>/mo/", views.notification_open, name="open"),
    path("doc-tat-ca/", views.notification_read_all, name="read_all"),
    path("cai-dat/", views.notification_settings, name="settings"),
]
