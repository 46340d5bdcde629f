"""A project's backup made beside the open window, on a thread of its own.

Opening a big project used to wait for its backup (a copy and a quick_check of the copy:
seconds at 500k segments). The window opens without one (``Project.open(make_backup=False)``)
and starts a ``BackgroundBackup`` once the first page is shown. It works on its own SQLite
connections (``backups.make_backup``): one read snapshot of the file, so the researcher's codings
committed meanwhile are neither blocked nor half in the copy; they are in the project, and in
the next backup. A file unchanged since its newest backup (``backups.current_backup``: same
fingerprint, backup still there and whole) is not copied again. ``cancel()`` + ``wait()`` (the
window closing) stop it between two steps and leave no temporary file; nothing is pruned then.

No Qt here: ``on_done(task)`` is called on the backup's thread when it ends (made, failed or
cancelled); the window turns that into a queued signal.
"""
from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from . import backups

# tests: called on the backup's thread at every step (before the copy, between copy steps, during
# the check), with the task; lets a test hold the backup at a known point
STEP_HOOK: Callable[["BackgroundBackup"], None] | None = None


class BackgroundBackup:
    """One backup of ``path`` on a daemon thread. After it ends: ``made`` (the backup's path) or
    ``error`` (one line), or ``cancelled``."""

    def __init__(self, path: Path, on_done: Callable[["BackgroundBackup"], None] | None = None):
        self.path = Path(path)
        self.on_done = on_done
        self.made: Path | None = None
        self.reused = False  # the file was unchanged since its newest backup: that one stands, no copy made
        self.error: str | None = None
        self.cancelled = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name=f"backup {self.path.name}", daemon=True)

    def start(self) -> "BackgroundBackup":
        self._thread.start()
        return self

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def cancel(self) -> None:
        """Ask the backup to stop at its next step (returns at once; ``wait`` for it)."""
        self._stop.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for the thread to end; True when it has (or never started)."""
        if self._thread.ident is None:
            return True
        self._thread.join(timeout)
        return not self._thread.is_alive()

    def _should_stop(self) -> bool:
        hook = STEP_HOOK
        if hook is not None:
            hook(self)
        return self._stop.is_set()

    def _run(self) -> None:
        try:
            existing = backups.current_backup(self.path)
            if existing is not None:
                self.made, self.reused = existing, True
                return
            self.made = backups.make_backup(self.path, cancelled=self._should_stop)
        except backups.BackupCancelled:
            self.cancelled = True
        except backups.BackupError as exc:
            self.error = str(exc)
        except Exception as exc:  # noqa: BLE001 - a backup must never take the window down
            self.error = f"{type(exc).__name__}: {exc}"
        finally:
            if self.on_done is not None:
                self.on_done(self)


__all__ = ["BackgroundBackup"]
