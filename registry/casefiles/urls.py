from django.urls import path

from . import views

app_name = "casefiles"
urlpatterns = [
    path("", views.casefiles_mine, name="mine"),
    path("don-vi/", views.casefiles_unit, name="unit"),
    path("mo-moi/", views.casefile_create, name="create"),
    path("danh-muc/", views.filelist_current, name="list"),
    path("danh-muc/<int:year>/", views.filelist_year, name="list_year"),
    path("danh-muc/<int:year>/lap/", views.filelist_create, name="list_create"),
    path("danh-muc/<int:year>/de-muc/", views.heading_create, name="heading_create"),
    path("danh-muc/<int:year>/them-ho-so/", views.casefile_plan, name="plan"),
    path("danh-muc/<int:year>/excel/", views.filelist_export, name="list_export"),
    path("danh-muc/<int:year>/nhap-excel/", views.filelist_import, name="list_import"),
    path("nop-luu/", views.archive_due, name="archive_due"),
    path("goi-y/<str:kind>/<int:pk>/", views.casefile_suggest, name="suggest"),
    path("<int:pk>/", views.casefile_detail, name="detail"),
    path("<int:pk>/mo/", views.casefile_open, name="open"),
    path("<int:pk>/them/", views.casefile_add, name="add"),
    path("<int:pk>/rut/<int:item_pk>/", views.casefile_remove, name="remove"),
    path("<int:pk>/dua-vao-danh-muc/", views.casefile_place, name="place"),
    path("<int:pk>/ket-thuc/", views.casefile_close, name="close"),
    path("<int:pk>/mo-lai/", views.casefile_reopen, name="reopen"),
    path("<int:pk>/nop-luu/", views.casefile_hand_over, name="hand_over"),
    path("<int:pk>/xuat/", views.casefile_export, name="export"),
]
