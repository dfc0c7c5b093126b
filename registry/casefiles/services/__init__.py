"""Every write to case files and file lists. Views, the API, demo data and tasks call these."""

from .files import (
    casefile_close,
    casefile_item_add,
    casefile_item_remove,
    casefile_open,
    casefile_open_ad_hoc,
    casefile_place,
    casefile_reopen,
)
from .handover import casefile_hand_over
from .lists import (
    PlannedFile,
    casefile_plan,
    filelist_copy,
    filelist_create,
    filelist_import,
    heading_create,
)

__all__ = [
    "PlannedFile",
    "casefile_close",
    "casefile_hand_over",
    "casefile_item_add",
    "casefile_item_remove",
    "casefile_open",
    "casefile_open_ad_hoc",
    "casefile_place",
    "casefile_plan",
    "casefile_reopen",
    "filelist_copy",
    "filelist_create",
    "filelist_import",
    "heading_create",
]
