from django.urls import path

from .views import books, imports, statistics

app_name = "reports"
urlpatterns = [
    path("", books.index_view, name="index"),
    path("so/in/", books.book_print_view, name="book_print"),
    path("so/xuat/", books.export_create_view, name="export_create"),
    path("xuat/<int:pk>/", books.export_detail_view, name="export_detail"),
    path("xuat/<int:pk>/tien-do/", books.export_progress_view, name="export_progress"),
    path("xuat/<int:pk>/tai/", books.export_download_view, name="export_download"),
    path("thong-ke/", statistics.statistics_view, name="statistics"),
    path("thong-ke/xlsx/", statistics.statistics_xlsx_view, name="statistics_xlsx"),
    path("nhap/", imports.import_view, name="import"),
    path("nhap/mau/<str:kind>/", imports.import_template_view, name="import_template"),
    path("nhap/<int:pk>/", imports.import_detail_view, name="import_detail"),
    path("nhap/<int:pk>/tien-do/", imports.import_progress_view, name="import_progress"),
]
