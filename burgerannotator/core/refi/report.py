"""What an exchange did: counts, what could not be carried over (never silently), problems."""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Report:
    title: str
    counts: dict[str, int] = field(default_factory=dict)
    not_imported: dict[str, int] = field(default_factory=dict)  # what this app cannot hold, with how many
    problems: list[str] = field(default_factory=list)  # references that do not resolve, bad values

    def count(self, what: str, n: int = 1) -> None:
        self.counts[what] = self.counts.get(what, 0) + n

    def dropped(self, what: str, n: int = 1) -> None:
        if n:
            self.not_imported[what] = self.not_imported.get(what, 0) + n

    def problem(self, text: str) -> None:
        self.problems.append(text)

    def lines(self, max_problems: int = 20) -> list[str]:
        out = [f"{self.title}:"]
        out += [f"  {what}: {n}" for what, n in self.counts.items()]
        if self.not_imported:
            out.append("  not carried over (this app cannot hold them):")
            out += [f"    {what}: {n}" for what, n in self.not_imported.items()]
        if self.problems:
            out.append(f"  problems ({len(self.problems)}):")
            out += [f"    {p}" for p in self.problems[:max_problems]]
            if len(self.problems) > max_problems:
                out.append(f"    ... and {len(self.problems) - max_problems} more")
        return out

    def text(self) -> str:
        return "\n".join(self.lines())

    def as_dict(self) -> dict:
        return {"title": self.title, "counts": self.counts, "not_imported": self.not_imported,
                "problems": self.problems}
