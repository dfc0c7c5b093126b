"""Small helpers every app's views share: errors onto forms, safe "next" targets."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils.http import url_has_allowed_host_and_scheme


def errors_to_form(form: forms.Form, error: ValidationError) -> None:
    """A service's ValidationError shown next to the field at fault (or above the form)."""
    if hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def next_url(request: HttpRequest, default: str) -> str:
    """The `next` the request names when it stays on this site, else `default`."""
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return default
