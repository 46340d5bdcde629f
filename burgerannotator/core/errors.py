"""Errors a user can act on. Every one carries a one-line message fit for a dialog or stderr."""


class UserError(Exception):
    """Something the user asked for cannot be done; the message says why, in one line."""

    exit_code = 2

    def __init__(self, message: str):
        super().__init__(message.replace("\n", " ").strip())

    @property
    def message(self) -> str:
        return str(self)


class ProjectFileError(UserError):
    """The project file cannot be opened: not a project, corrupt, too new, locked, unwritable."""

    exit_code = 3


class ProjectLockedError(ProjectFileError):
    """Another BurgerAnnotator window or command has the project open for writing."""


class PdfImportError(UserError):
    """A PDF cannot be imported: damaged beyond repair, encrypted without the password, ..."""

    exit_code = 4


class PasswordRequired(PdfImportError):
    """The PDF is encrypted and no (or a wrong) password was given."""


class NotFoundError(UserError):
    """A document, code or coder named by the user does not exist."""

    exit_code = 5


class StorageFullError(UserError):
    """The disk is full: the last action was rolled back, nothing earlier is lost."""

    exit_code = 6


class ProjectReadOnlyError(ProjectFileError):
    """The project (or its folder) cannot be written: read-only folder, share or medium."""


class ProjectIOError(ProjectFileError):
    """The disk or share failed to read or write (EIO): not damage to the project itself."""
