from django.urls import path

from . import views

app_name = "organisation"
urlpatterns = [
    path("co-quan-gui-nhan/tim/", views.correspondent_autocomplete, name="correspondent_search"),
    path("co-quan-gui-nhan/them/", views.correspondent_add, name="correspondent_add"),
]
