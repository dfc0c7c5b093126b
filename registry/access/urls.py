from django.urls import path

from . import views

app_name = "access"
urlpatterns = [
    path("", views.changes_view, name="changes"),
    path("<int:pk>/xac-nhan/", views.confirm_view, name="confirm"),
    path("xac-thuc-hai-buoc/", views.totp_setup_view, name="totp_setup"),
    path("xac-thuc-hai-buoc/tat/", views.totp_remove_view, name="totp_remove"),
    path("xac-thuc/", views.totp_verify_view, name="totp_verify"),
]
