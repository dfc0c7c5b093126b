from django.urls import path

from . import views

app_name = "assignments"
urlpatterns = [
    path("", views.assignments_mine, name="mine"),
    path("da-giao/", views.assignments_given, name="given"),
    path("giao-viec/", views.assignment_create, name="create"),
    path("theo-doi/", views.tracking, name="tracking"),
    path("theo-doi/danh-sach/", views.tracking_list, name="tracking_list"),
    path("<int:pk>/", views.assignment_detail, name="detail"),
    path("<int:pk>/bat-dau/", views.assignment_start, name="start"),
    path("<int:pk>/bao-cao/", views.assignment_progress, name="progress"),
    path("<int:pk>/hoan-thanh/", views.assignment_complete, name="complete"),
    path("<int:pk>/gia-han/", views.assignment_extension, name="extension"),
    path("<int:pk>/giao-lai/", views.assignment_reassign, name="reassign"),
    path("gia-han/<int:pk>/", views.assignment_extension_decide, name="extension_decide"),
    path("tep/<int:pk>/", views.progress_file, name="file"),
]
