"""The benchmark's results as a Markdown section for docs/benchmarks.md."""

import os
import platform
from dataclasses import dataclass, field
from pathlib import Path

from django.db import connection
from django.utils import timezone


@dataclass
class Row:
    name: str
    figure: str
    ceiling: str = ""
    ratio: str = ""
    goal: str = ""
    met: bool | None = None


@dataclass
class Report:
    scale: int
    rows: dict[str, list[Row]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def add(self, section: str, row: Row) -> None:
        self.rows.setdefault(section, []).append(row)
        mark = {True: "ok", False: "MISSED", None: ""}[row.met]
        print(f"  {row.name}: {row.figure}"
              + (f" | ceiling {row.ceiling} | ratio {row.ratio}" if row.ceiling else "")
              + (f" | goal {row.goal} {mark}" if row.goal else ""), flush=True)

    def machine(self) -> str:
        with connection.cursor() as cursor:
            cursor.execute("SHOW server_version")
            pg = cursor.fetchone()[0]
        memory = ""
        try:
            kib = int(Path("/proc/meminfo").read_text().split()[1])
            memory = f"{kib / 1048576:.0f} GiB"
        except (OSError, ValueError, IndexError):
            pass
        return (f"{os.cpu_count()} cores, {memory} memory, {platform.machine()}, "
                f"Python {platform.python_version()}, PostgreSQL {pg}")

    def markdown(self) -> str:
        lines = [f"## Run of {timezone.localtime():%Y-%m-%d %H:%M} — scale {self.scale:,}", "",
                 f"Machine: {self.machine()}.", ""]
        for section, rows in self.rows.items():
            lines += [f"### {section}", "", "| measure | figure | ceiling | ratio | goal | met |",
                      "|---|---|---|---|---|---|"]
            for r in rows:
                met = {True: "yes", False: "**no**", None: ""}[r.met]
                lines.append(f"| {r.name} | {r.figure} | {r.ceiling} | {r.ratio} | {r.goal} "
                             f"| {met} |")
            lines.append("")
        if self.notes:
            lines += ["Notes:", "", *[f"- {n}" for n in self.notes], ""]
        return "\n".join(lines)


def report_write(report: Report, path: Path) -> None:
    """Put this run at the top of the results (older runs stay below and in git history)."""
    header = "# Benchmarks\n\nProduced by `python manage.py bench`; newest run first.\n\n"
    old = path.read_text() if path.exists() else header
    body = old[len(header):] if old.startswith(header) else old
    path.write_text(header + report.markdown() + "\n" + body)
