"""Charts drawn on the server as SVG: bars with their numbers, labels escaped.

No script and no external library: the page stays within the CSP and prints as drawn.
"""

from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

COLOURS = ("#0d6efd", "#198754", "#a15c00", "#b02a37", "#6c757d")


def _text(x: float, y: float, text: object, *, anchor: str = "start", size: int = 11,
          extra: str = "") -> str:
    return (f'<text x="{x:.1f}" y="{y:.1f}" font-size="{size}" text-anchor="{anchor}"{extra}>'
            f"{escape(str(text))}</text>")


def column_chart(*, title: str, labels: Sequence[str],
                 series: Sequence[tuple[str, Sequence[int]]]) -> SafeString:
    """Grouped columns (e.g. received and issued per month)."""
    width, height, left, bottom, top = 760, 260, 40, 40, 30
    plot_w, plot_h = width - left - 10, height - bottom - top
    peak = max([1, *(v for _, values in series for v in values)])
    group = plot_w / max(1, len(labels))
    bar = max(2.0, group * 0.8 / max(1, len(series)))
    parts = [_text(left, 16, title, size=13, extra=' font-weight="bold"')]
    parts.append(f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 10}" '
                 f'y2="{top + plot_h}" stroke="#666"/>')
    for i, label in enumerate(labels):
        x0 = left + i * group + group * 0.1
        for s, (_name, values) in enumerate(series):
            value = values[i]
            h = plot_h * value / peak
            x, y = x0 + s * bar, top + plot_h - h
            parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{bar - 1:.1f}" height="{h:.1f}" '
                         f'fill="{COLOURS[s % len(COLOURS)]}"><title>{escape(label)}: '
                         f"{value}</title></rect>")
            if value:
                parts.append(_text(x + bar / 2, y - 2, value, anchor="middle", size=9))
        parts.append(_text(x0 + group * 0.4, top + plot_h + 14, label, anchor="middle", size=9))
    for s, (name, _values) in enumerate(series):
        x = left + s * 140
        parts.append(f'<rect x="{x}" y="{height - 14}" width="10" height="10" '
                     f'fill="{COLOURS[s % len(COLOURS)]}"/>')
        parts.append(_text(x + 14, height - 5, name))
    return _svg(width, height, title, parts)


def bar_chart(*, title: str, rows: Sequence[tuple[str, Sequence[int]]],
              names: Sequence[str]) -> SafeString:
    """Horizontal stacked bars, one per row (e.g. types, senders, handling per unit)."""
    row_h, left, top = 22, 260, 30
    width, height = 760, top + row_h * max(1, len(rows)) + 24
    peak = max([1, *(sum(values) for _, values in rows)])
    plot_w = width - left - 50
    parts = [_text(4, 16, title, size=13, extra=' font-weight="bold"')]
    for i, (label, values) in enumerate(rows):
        y = top + i * row_h
        parts.append(_text(left - 6, y + 14, label[:42], anchor="end"))
        x = float(left)
        for s, value in enumerate(values):
            w = plot_w * value / peak
            parts.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{w:.1f}" height="{row_h - 6}" '
                         f'fill="{COLOURS[s % len(COLOURS)]}"><title>{escape(label)} – '
                         f"{escape(names[s])}: {value}</title></rect>")
            x += w
        parts.append(_text(x + 4, y + 14, sum(values)))
    if len(names) > 1:
        for s, name in enumerate(names):
            x = 4 + s * 150
            parts.append(f'<rect x="{x}" y="{height - 14}" width="10" height="10" '
                         f'fill="{COLOURS[s % len(COLOURS)]}"/>')
            parts.append(_text(x + 14, height - 5, name))
    return _svg(width, height, title, parts)


def _svg(width: int, height: int, title: str, parts: list[str]) -> SafeString:
    body = "".join(parts)
    return mark_safe(  # noqa: S308 (every text above went through escape())
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" role="img" '
        f'class="df-chart" aria-label="{escape(title)}"><title>{escape(title)}</title>{body}'
        f"</svg>")
