"""Demo assignments: ad-hoc work in every state for the demo office's people.

Idempotent: each piece of work is recognised by its assigner and content. Dates are relative
to today (in working days), so the demo always has work overdue, due soon, and done on time
and late.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone

from registry.organisation.calendar import add_working_days
from registry.organisation.models import Agency, Unit, User

from .models import Assignment
from .services import (
    assignment_complete,
    assignment_create,
    assignment_extension_request,
    assignment_reassign,
    assignment_report_progress,
)


@dataclass(frozen=True)
class DemoTask:
    assigner: str
    content: str
    deadline_in: int  # working days from today; negative: already past
    assignee: str = ""  # a username, or
    unit: str = ""  # a unit abbreviation (work for the unit as a whole)
    urgent: bool = False
    progress: tuple[tuple[int, str], ...] = ()
    done: str = ""  # the result note: finished now (late when the deadline has passed)
    extension: str = ""  # the reason of a pending extension request
    delegate_to: str = ""  # the unit head hands the unit's work to this person
    days_ago: int = 5
    reference: str = field(default="")


TASKS = [
    DemoTask("lanhdao", "Tổng hợp báo cáo kết quả cải cách hành chính quý IV, trình UBND tỉnh",
             -2, assignee="chuyenvien", progress=((40, "Đã nhận số liệu của 9/14 sở, ngành."),),
             days_ago=12),
    DemoTask("chanhvanphong", "Rà soát danh mục thủ tục hành chính thuộc thẩm quyền giải "
             "quyết của UBND tỉnh", -1, assignee="chuyenvien", urgent=True, days_ago=8),
    DemoTask("lanhdao", "Chuẩn bị nội dung cuộc họp giao ban Thường trực UBND tỉnh tuần tới",
             1, assignee="chuyenvien", days_ago=3),
    DemoTask("truongphongth", "Dự thảo Kế hoạch tổ chức các hoạt động mừng Đảng, mừng Xuân",
             3, assignee="chuyenvien", progress=((30, "Đã xây dựng đề cương."),), days_ago=6),
    DemoTask("lanhdao", "Xây dựng báo cáo tổng kết công tác năm và phương hướng năm tới", 15,
             assignee="chuyenvien", days_ago=2),
    DemoTask("lanhdao", "Báo cáo tình hình kinh tế - xã hội tháng trước", 2, assignee="chuyenvien",
             progress=((100, "Đã hoàn thiện dự thảo báo cáo."),),
             done="Đã trình Phó Chủ tịch ký ban hành.", reference="215/BC-UBND", days_ago=10),
    DemoTask("chanhvanphong", "Tổng hợp ý kiến góp ý dự thảo Luật Tổ chức chính quyền địa "
             "phương (sửa đổi)", -3, assignee="chuyenvien", days_ago=15,
             done="Đã tổng hợp, gửi Bộ Nội vụ.", reference="1204/UBND-TH"),
    DemoTask("truongphongth", "Cập nhật số liệu phục vụ báo cáo chỉ số PAR INDEX", -1,
             assignee="chuyenvien2", progress=((60, "Đã cập nhật 6/8 lĩnh vực."),), days_ago=9),
    DemoTask("truongphongth", "Theo dõi, tổng hợp văn bản chỉ đạo của Thủ tướng Chính phủ",
             4, assignee="chuyenvien2", extension="Chờ số liệu của Sở Tài chính.", days_ago=4),
    DemoTask("lanhdao", "Rà soát các nhiệm vụ UBND tỉnh giao chưa hoàn thành", 6,
             assignee="chuyenvien2", days_ago=7, done="Đã rà soát, báo cáo Văn phòng.",
             reference=""),
    DemoTask("lanhdao", "Theo dõi tiến độ giải ngân vốn đầu tư công năm nay", 8, unit="TH",
             delegate_to="chuyenvien2", days_ago=3),
    DemoTask("lanhdao", "Đánh giá tình hình thu ngân sách nhà nước trên địa bàn", 2,
             assignee="chuyenvienkt", days_ago=5),
    DemoTask("truongphongkt", "Tham mưu phương án hỗ trợ doanh nghiệp bị ảnh hưởng bởi bão",
             -4, assignee="chuyenvienkt", urgent=True, days_ago=14,
             done="Đã trình phương án hỗ trợ.", reference="98/TTr-KT"),
    DemoTask("chanhvanphong", "Tổng hợp kiến nghị của cử tri lĩnh vực kinh tế", 10, unit="KT",
             days_ago=1),
]


def _deadline(today: dt.date, days: int) -> dt.date:
    return add_working_days(today, days) if days else today


def _make(task: DemoTask, *, users: dict[str, User], units: dict[str, Unit],
          today: dt.date) -> None:
    assigner = users[task.assigner]
    assignment = assignment_create(
        assigner=assigner, content=task.content, is_urgent=task.urgent,
        assignee_user=users.get(task.assignee), assignee_unit=units.get(task.unit),
        deadline=_deadline(today, task.deadline_in),
    )
    Assignment.objects.filter(pk=assignment.pk).update(
        created_at=timezone.now() - dt.timedelta(days=task.days_ago))
    handler = users.get(task.assignee)
    for percent, note in task.progress:
        assignment_report_progress(actor=handler, assignment=assignment, percent=percent,
                                   note=note)
    if task.extension:
        assignment_extension_request(actor=handler, assignment=assignment,
                                     requested_deadline=add_working_days(assignment.deadline, 5),
                                     reason=task.extension)
    if task.delegate_to:
        unit = units[task.unit]
        assignment_reassign(actor=unit.head, assignment=assignment,
                            assignee_user=users[task.delegate_to],
                            deadline=add_working_days(today, 5))
    if task.done:
        assignment_complete(actor=handler, assignment=assignment, result_note=task.done,
                            result_reference=task.reference)


@transaction.atomic
def demo_assignments_ensure(*, agency: Agency, today: dt.date | None = None) -> None:
    today = today or timezone.localdate()
    users = {u.username: u for u in User.objects.filter(agency=agency).select_related("unit")}
    units = {u.abbreviation: u for u in Unit.objects.filter(agency=agency)
             .select_related("head")}
    existing = set(Assignment.objects.filter(agency=agency, parent__isnull=True)
                   .values_list("assigner__username", "content"))
    for task in TASKS:
        if (task.assigner, task.content) in existing:
            continue
        if task.assigner not in users or (task.assignee and task.assignee not in users):
            continue
        _make(task, users=users, units=units, today=today)
