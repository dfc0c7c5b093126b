"""What the home page shows each person: the sections every app contributes for their roles."""

from collections.abc import Callable
from typing import Any

HomeSection = Callable[[Any], dict[str, Any] | None]
_SECTIONS: list[tuple[int, HomeSection]] = []


def home_register(section: HomeSection, order: int = 100) -> None:
    if all(existing is not section for _, existing in _SECTIONS):
        _SECTIONS.append((order, section))
        _SECTIONS.sort(key=lambda pair: pair[0])


def home_sections(user: Any) -> list[dict[str, Any]]:
    """Each section: {"title", "template", ...context}; a section returns None to stay hidden."""
    return [s for _, section in _SECTIONS if (s := section(user)) is not None]
