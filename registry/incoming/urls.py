from django.urls import path

from . import views

app_name = "incoming"
urlpatterns = [
    path("", views.register_view, name="register"),
    path("vao-so/", views.create_view, name="create"),
    path("cho-van-thu/", views.clerk_queue_view, name="clerk_queue"),
    path("cho-y-kien/", views.waiting_view, name="waiting"),
    path("cua-don-vi/", views.unit_view, name="unit"),
    path("<int:pk>/", views.detail_view, name="detail"),
    path("<int:pk>/vao-so/", views.register_received_view, name="register_received"),
    path("<int:pk>/sua/", views.edit_view, name="edit"),
    path("<int:pk>/trinh/", views.submit_view, name="submit"),
    path("<int:pk>/tra-lai/", views.return_view, name="return"),
    path("<int:pk>/chi-dao/", views.direct_view, name="direct"),
    path("<int:pk>/huy/", views.void_view, name="void"),
    path("<int:pk>/luu-ho-so/", views.file_view, name="file"),
    path("<int:pk>/tep/", views.attach_view, name="attach"),
    path("<int:pk>/tep/<int:attachment_pk>/", views.attachment_view, name="attachment"),
    path("<int:pk>/phieu-den/", views.slip_view, name="slip"),
]
