"""Per-machine settings (coder name, recent projects, window layout) in an INI file.

The file lives in the user data folder (``core.paths.user_data_dir``), so tests that
point BURGERANNOTATOR_DATA_DIR at a temporary folder never touch the tester's settings.
"""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings

from burgerannotator.core.paths import user_data_dir

RECENT_KEPT = 8


def settings() -> QSettings:
    folder = user_data_dir()
    folder.mkdir(parents=True, exist_ok=True)
    return QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)


def coder_name() -> str:
    return str(settings().value("coder/name", "") or "")


def set_coder_name(name: str) -> None:
    settings().setValue("coder/name", name.strip())


def recent_projects() -> list[str]:
    value = settings().value("projects/recent", [])
    if isinstance(value, str):
        value = [value]
    return [str(v) for v in (value or []) if v]


def add_recent_project(path: str | Path) -> None:
    path = str(Path(path).resolve())
    items = [p for p in recent_projects() if p != path]
    settings().setValue("projects/recent", [path] + items[:RECENT_KEPT - 1])


def last_project() -> str | None:
    for p in recent_projects():
        if Path(p).exists():
            return p
    return None


def show_others() -> bool:
    return str(settings().value("coding/show_others", "false")).lower() == "true"


def set_show_others(value: bool) -> None:
    settings().setValue("coding/show_others", "true" if value else "false")


def last_place(project_uuid: str) -> tuple[str, int] | None:
    """Where the coder stopped in a project: (document uuid, page index), kept per machine."""
    value = settings().value(f"places/{project_uuid}", "")
    try:
        doc, page = str(value).rsplit("|", 1)
        return doc, int(page)
    except ValueError:
        return None


def set_last_place(project_uuid: str, document_uuid: str, page: int) -> None:
    settings().setValue(f"places/{project_uuid}", f"{document_uuid}|{int(page)}")


def language() -> str:
    """The interface language chosen under View > Language ('' = as the system)."""
    return str(settings().value("ui/language", "") or "")


def set_language(lang: str) -> None:
    settings().setValue("ui/language", lang)


def save_window(window) -> None:
    s = settings()
    s.setValue("window/geometry", window.saveGeometry())
    s.setValue("window/state", window.saveState())


def restore_window(window) -> bool:
    s = settings()
    geometry, state = s.value("window/geometry"), s.value("window/state")
    ok = False
    if geometry is not None:
        ok = bool(window.restoreGeometry(geometry))
    if state is not None:
        window.restoreState(state)
    return ok
