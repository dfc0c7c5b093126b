from django.urls import path

from .views import approval, document, drafts, issue, lists

app_name = "outgoing"
urlpatterns = [
    path("", lists.register_list, name="register"),
    path("du-thao-cua-toi/", lists.my_drafts, name="my_drafts"),
    path("cho-toi-duyet/", lists.awaiting_approval, name="awaiting_approval"),
    path("cho-ban-hanh/", lists.awaiting_issue, name="awaiting_issue"),
    path("van-ban-den/tim/", lists.incoming_autocomplete, name="incoming_search"),
    path("moi/", drafts.draft_create, name="draft_create"),
    path("<int:pk>/", document.detail, name="detail"),
    path("<int:pk>/sua/", drafts.draft_edit, name="draft_edit"),
    path("<int:pk>/phien-ban/", drafts.version_upload, name="version_upload"),
    path("<int:pk>/phien-ban/<int:number>/tep/", document.version_file, name="version_file"),
    path("<int:pk>/trinh/", drafts.submit, name="submit"),
    path("<int:pk>/huy-du-thao/", drafts.draft_void, name="draft_void"),
    path("<int:pk>/duyet/", approval.approval, name="approval"),
    path("<int:pk>/ban-hanh/", issue.issue, name="issue"),
    path("<int:pk>/ban-ky/", document.signed_file, name="signed_file"),
    path("<int:pk>/gui/", issue.dispatch, name="dispatch"),
    path("<int:pk>/thu-hoi/", issue.recall, name="recall"),
    path("<int:pk>/huy/", issue.void, name="void"),
]
