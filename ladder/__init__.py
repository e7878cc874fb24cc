"""The ML engineer career ladder: its data model, loader and exports."""

from .load import LadderDataError, load_ladder
from .schema import Ladder, UnknownId

__all__ = ["Ladder", "LadderDataError", "UnknownId", "load_ladder"]
