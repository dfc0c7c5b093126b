"""Shared by the browser tests of the daily experience (issue 10)."""
from __future__ import annotations

from typing import Any

from registry.assignments.demo import demo_assignments_ensure
from registry.incoming.demo import demo_incoming_ensure
from registry.incoming.models import IncomingDocument, IncomingStatus
from registry.organisation.models import Agency, User
from registry.outgoing.demo import demo_outgoing_ensure
from registry.outgoing.models import OutgoingDocument
from registry.outgoing.selectors import outgoing_awaiting_approval

AXE = "/static/vendor/axe/axe.min.js"  # vendored from npm (axe-core 4), served by the app
BLOCKING = {"serious", "critical"}


def demo_office(agency: Agency) -> None:
    """The demo documents, tasks and drafts on top of the demo office."""
    demo_incoming_ensure(agency=agency)
    demo_assignments_ensure(agency=agency)
    demo_outgoing_ensure(agency=agency)


def awaiting_direction(username: str = "lanhdao") -> IncomingDocument:
    leader = User.objects.get(username=username)
    return (IncomingDocument.objects.filter(status=IncomingStatus.SUBMITTED, submitted_to=leader)
            .order_by("-number").first())


def axe_violations(page: Any) -> list[str]:
    """Run axe-core on the page as shown; the serious and critical violations, readable."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(url=AXE)
    result = page.evaluate(
        "async () => await axe.run(document, {resultTypes: ['violations']})")
    found = []
    for violation in result["violations"]:
        if violation["impact"] not in BLOCKING:
            continue
        for node in violation["nodes"][:5]:
            found.append(f"{violation['id']} ({violation['impact']}): {node['target']} "
                         f"{node.get('failureSummary', '')[:200]}")
    return found


def awaiting_approval(username: str = "lanhdao") -> OutgoingDocument:
    return outgoing_awaiting_approval(User.objects.get(username=username)).order_by("pk").first()
