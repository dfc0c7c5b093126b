from .actions import (
    attach_view,
    direct_view,
    file_view,
    return_view,
    submit_view,
    void_view,
)
from .document import attachment_view, detail_view, slip_view
from .register import clerk_queue_view, register_view, unit_view, waiting_view
from .registration import create_view, edit_view, register_received_view

__all__ = [
    "attach_view", "attachment_view", "clerk_queue_view", "create_view", "detail_view",
    "direct_view", "edit_view", "file_view", "register_received_view", "register_view",
    "return_view", "slip_view", "submit_view", "unit_view", "void_view", "waiting_view",
]
