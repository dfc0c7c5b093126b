from django.urls import path

from . import views

app_name = "search"
urlpatterns = [
    path("", views.search_view, name="results"),
    path("da-luu/", views.saved_search_list_view, name="saved"),
    path("da-luu/them/", views.saved_search_create_view, name="saved_create"),
    path("da-luu/<int:pk>/xoa/", views.saved_search_delete_view, name="saved_delete"),
]
