"""Pure statistics for inter-coder agreement (no database, no Qt)."""

from .coefficients import *  # noqa: F401,F403
from .coefficients import __all__ as _coef_all
from .unitizing import *  # noqa: F401,F403
from .unitizing import __all__ as _unit_all

__all__ = list(_coef_all) + list(_unit_all)
