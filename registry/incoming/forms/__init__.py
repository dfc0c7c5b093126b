from ._widgets import form_errors_apply
from .flow import AttachForm, DirectForm, ReasonForm, SubmitForm
from .registration import IncomingForm, kept_token, registration_initial

__all__ = ["AttachForm", "DirectForm", "IncomingForm", "ReasonForm", "SubmitForm",
           "form_errors_apply", "kept_token", "registration_initial"]
