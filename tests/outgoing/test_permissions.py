import pytest

from registry.outgoing.models import OutgoingGrant
from registry.outgoing.selectors import outgoing_visible_to
from registry.outgoing.services import outgoing_submit

from .conftest import user
from .helpers import issue

pytestmark = pytest.mark.django_db


def _urls(document):
    return [f"/van-ban-di/{document.pk}/", f"/van-ban-di/{document.pk}/phien-ban/1/tep/",
            f"/van-ban-di/{document.pk}/ban-ky/", f"/api/v1/outgoing/{document.pk}/"]


def test_staff_of_another_unit_get_404_on_page_files_and_api(client, signed_draft):
    document = issue(signed_draft())
    client.force_login(user("chuyenviennc"))
    for url in _urls(document):
        assert client.get(url).status_code == 404, url


def test_recipient_unit_sees_what_was_sent_to_it_but_not_drafts(client, make_draft,
                                                                signed_draft):
    draft = make_draft(units=("KT",))
    document = issue(signed_draft(units=("KT",)))
    client.force_login(user("chuyenvienkt"))
    assert client.get(f"/van-ban-di/{draft.pk}/").status_code == 404
    for url in _urls(document):
        assert client.get(url).status_code == 200, url


def test_drafter_approvers_clerks_and_leaders_see_the_draft(make_draft):
    document = make_draft()
    outgoing_submit(actor=user("chuyenvien"), document=document)
    for username in ("chuyenvien", "truongphongth", "chanhvanphong", "lanhdao", "vanthu",
                     "chutich"):
        assert outgoing_visible_to(user(username)).filter(pk=document.pk).exists(), username
    for username in ("chuyenvien2", "chuyenvienkt"):
        assert not outgoing_visible_to(user(username)).filter(pk=document.pk).exists(), username


def test_secret_documents_only_by_grant_and_never_their_files(client, signed_draft):
    document = issue(signed_draft(secrecy="mat", with_file=False, tasks=[]), secret=True)
    assert OutgoingGrant.objects.filter(document=document, user__username="vanthu").exists()
    assert not outgoing_visible_to(user("chutich")).filter(pk=document.pk).exists()
    client.force_login(user("vanthu"))
    assert client.get(f"/van-ban-di/{document.pk}/").status_code == 200
    assert client.get(f"/van-ban-di/{document.pk}/ban-ky/").status_code == 404


def test_secret_draft_refuses_files(make_draft):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as error:
        make_draft(secrecy="mat")
    assert "file" in error.value.message_dict


def test_wrong_approver_is_refused_on_the_page_and_in_the_api(client, make_draft):
    document = make_draft()
    outgoing_submit(actor=user("chuyenvien"), document=document)
    client.force_login(user("lanhdao"))

    page = client.post(f"/van-ban-di/{document.pk}/duyet/", {"decision": "approve"})
    api = client.post(f"/api/v1/outgoing/{document.pk}/approve/", {},
                      content_type="application/json")

    assert page.status_code == 403 and "Phạm Thị Hồng Giang" in page.text
    assert api.status_code == 403 and "Phạm Thị Hồng Giang" in api.json()["detail"]
    assert document.steps.get(status="current").approver.username == "truongphongth"
    client.force_login(user("chuyenviennc"))
    assert client.post(f"/api/v1/outgoing/{document.pk}/approve/").status_code == 404
    assert client.post(f"/van-ban-di/{document.pk}/duyet/",
                       {"decision": "approve"}).status_code == 404


def test_the_approval_page_tells_others_whose_turn_it_is(client, make_draft):
    document = make_draft()
    outgoing_submit(actor=user("chuyenvien"), document=document)
    client.force_login(user("lanhdao"))
    page = client.get(f"/van-ban-di/{document.pk}/duyet/")
    assert page.status_code == 200
    assert "do Trưởng phòng Phạm Thị Hồng Giang duyệt" in page.text
    assert 'value="approve"' not in page.text
