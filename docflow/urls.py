from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerView
from rest_framework.authtoken.views import obtain_auth_token

from registry.organisation.forms import LoginForm

admin.site.site_header = _("Docflow: quản trị")
admin.site.site_title = _("Docflow")

api_v1 = [
    path("auth/token/", obtain_auth_token, name="api-token"),
    path("", include("registry.organisation.api_urls")),
    path("", include("registry.incoming.api_urls")),
    path("", include("registry.outgoing.api_urls")),
    path("", include("registry.exchange.api_urls")),
    path("", include("registry.assignments.api_urls")),
    path("", include("registry.casefiles.api_urls")),
    path("", include("registry.search.api_urls")),
]

urlpatterns = [
    path("", include("registry.core.urls")),
    path("dang-nhap/", auth_views.LoginView.as_view(
        authentication_form=LoginForm, redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", auth_views.PasswordChangeView.as_view(), name="password_change"),
    path("doi-mat-khau/xong/", auth_views.PasswordChangeDoneView.as_view(),
         name="password_change_done"),
    path("thong-bao/", include("registry.notifications.urls")),
    path("van-ban-den/", include("registry.incoming.urls")),
    path("van-ban-di/", include("registry.outgoing.urls")),
    path("lien-thong/", include("registry.exchange.urls")),
    path("cong-viec/", include("registry.assignments.urls")),
    path("ho-so/", include("registry.casefiles.urls")),
    path("tim-kiem/", include("registry.search.urls")),
    path("bao-cao/", include("registry.reports.urls")),
    path("danh-muc/", include("registry.organisation.urls")),
    path("quyen-truy-cap/", include("registry.access.urls")),
    path("nhat-ky/", include("registry.audit.urls")),
    path("quan-tri/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("api/schema/docs/", SpectacularSwaggerView.as_view(url_name="api-schema"),
         name="api-docs"),
]

handler403 = "registry.core.views.error_403"
handler404 = "registry.core.views.error_404"
handler500 = "registry.core.views.error_500"
