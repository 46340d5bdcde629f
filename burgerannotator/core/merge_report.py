"""What a merge of another coder's copy did (or would do): counts, matches, conflicts.

Kept apart from the merge itself so the CLI, the dialog and the project log can
all show the same summary.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field

from .errors import UserError

RESOLUTIONS = ("keep-mine", "take-theirs")


@dataclass(frozen=True)
class CodebookConflict:
    """One codebook field that differs between this project and the other copy.

    ``field`` is 'name', 'color', 'parent' or 'deleted'; ``mine``/``theirs`` are
    the values as a user reads them (a parent by its code id, '(top level)').
    """

    code_uuid: str
    code_id: str
    field: str
    mine: str
    theirs: str

    @property
    def key(self) -> str:
        """Stable key a per-conflict choice is given under: '<code uuid>:<field>'."""
        return f"{self.code_uuid}:{self.field}"

    def describe(self) -> str:
        what = {"name": "renamed", "color": "recoloured", "parent": "moved", "deleted": "deleted/restored"}
        return (f"{self.code_id} {what.get(self.field, self.field)}: here {self.field} = '{self.mine}', "
                f"in the other copy '{self.theirs}'")


class MergeConflictError(UserError):
    """The other copy changes the codebook differently; the user must choose. Nothing was merged."""

    exit_code = 8

    def __init__(self, source: str, conflicts: list[CodebookConflict]):
        self.conflicts = list(conflicts)
        self.source = source
        super().__init__(f"{source} conflicts with this codebook in {len(conflicts)} place(s); nothing was "
                         "merged. Choose keep-mine or take-theirs (--on-conflict).")


@dataclass
class MergeReport:
    source: str
    same_project: bool = True
    coders_added: list[str] = field(default_factory=list)
    coders_matched: list[str] = field(default_factory=list)
    coders_renamed: list[str] = field(default_factory=list)
    documents_added: list[str] = field(default_factory=list)
    documents_matched: int = 0
    documents_reanchored: list[str] = field(default_factory=list)
    documents_refused: list[str] = field(default_factory=list)  # "label (file): reason", not merged
    codes_matched: dict[str, list[str]] = field(default_factory=lambda: {"uuid": [], "code_id": [], "name": []})
    codes_added: list[str] = field(default_factory=list)
    conflicts: list[CodebookConflict] = field(default_factory=list)
    resolutions: dict[str, str] = field(default_factory=dict)  # conflict key -> keep-mine | take-theirs
    scales_added: list[str] = field(default_factory=list)
    segments_added: int = 0
    segments_updated: int = 0
    segments_deleted: int = 0
    segments_unchanged: int = 0
    segments_kept_mine: int = 0  # this project's copy was edited later
    segments_unplaced: int = 0  # quote not found in a re-extracted document text
    memos_added: int = 0
    memos_updated: int = 0
    scale_values_added: int = 0
    scale_values_updated: int = 0
    warnings: list[str] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        """Whether the merge changed anything at all (a re-merge of the same file does not)."""
        return bool(self.coders_added or self.coders_renamed or self.documents_added or self.codes_added
                    or self.scales_added or self.segments_added or self.segments_updated
                    or self.segments_deleted or self.memos_added or self.memos_updated
                    or self.scale_values_added or self.scale_values_updated
                    or any(v == "take-theirs" for v in self.resolutions.values()))

    def lines(self) -> list[str]:
        """The summary, one fact a line, for a dialog or the terminal."""
        out = [f"Merged {self.source}" + ("" if self.changed else ": nothing new")]
        if not self.same_project:
            out.append("note: the other file is a different project (documents were matched by content)")
        if self.coders_added:
            out.append(f"coders added: {', '.join(self.coders_added)}")
        if self.coders_renamed:
            out.append(f"coders renamed: {', '.join(self.coders_renamed)}")
        out.append(f"documents: {self.documents_matched} matched by SHA-256, {len(self.documents_added)} added"
                   + (f" ({', '.join(self.documents_added)})" if self.documents_added else ""))
        out.extend(f"document refused: {r}" for r in self.documents_refused)
        if self.documents_reanchored:
            out.append(f"documents whose text differs (segments placed by quote): "
                       f"{', '.join(self.documents_reanchored)}")
        m = self.codes_matched
        out.append(f"codes: {len(m['uuid'])} matched by uuid, {len(m['code_id'])} by id, {len(m['name'])} by name, "
                   f"{len(self.codes_added)} added")
        for how in ("code_id", "name"):
            if m[how]:
                out.append(f"  matched by {how}: {', '.join(m[how])}")
        for c in self.conflicts:
            out.append(f"conflict: {c.describe()} -> {self.resolutions.get(c.key, 'unresolved')}")
        out.append(f"segments: {self.segments_added} added, {self.segments_updated} updated, "
                   f"{self.segments_deleted} deleted, {self.segments_unchanged} unchanged, "
                   f"{self.segments_kept_mine} kept (edited later here)"
                   + (f", {self.segments_unplaced} not placed" if self.segments_unplaced else ""))
        out.append(f"memos: {self.memos_added} added, {self.memos_updated} updated; scale values: "
                   f"{self.scale_values_added} added, {self.scale_values_updated} updated")
        out.extend(f"warning: {w}" for w in self.warnings)
        return out

    def summary(self) -> str:
        return "; ".join(self.lines())

    def as_dict(self) -> dict:
        data = asdict(self)
        data["conflicts"] = [dict(asdict(c), key=c.key) for c in self.conflicts]
        data["changed"] = self.changed
        return data


__all__ = ["CodebookConflict", "MergeConflictError", "MergeReport", "RESOLUTIONS"]
