"""BurgerAnnotator: code Dutch municipal coalition agreements for citizen participation."""
__version__ = "0.1.0"
