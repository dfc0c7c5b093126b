"""Every write to incoming documents. Other apps call these, never the models."""

from .flow import (
    Handler,
    incoming_access_grant,
    incoming_direct,
    incoming_file,
    incoming_mark_answered,
    incoming_return,
    incoming_secret_opened,
    incoming_submit,
    incoming_void,
)
from .listener import incoming_assignment_changed
from .registration import (
    incoming_attach,
    incoming_files_store,
    incoming_probable_duplicates,
    incoming_receive,
    incoming_register,
    incoming_register_received,
    incoming_update,
)

__all__ = [
    "Handler", "incoming_access_grant", "incoming_assignment_changed", "incoming_attach",
    "incoming_direct", "incoming_file", "incoming_files_store", "incoming_mark_answered",
    "incoming_probable_duplicates", "incoming_receive", "incoming_register",
    "incoming_register_received", "incoming_return", "incoming_secret_opened",
    "incoming_submit", "incoming_update", "incoming_void",
]
