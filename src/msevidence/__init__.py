"""msevidence: a citable evidence database of multiple-sclerosis treatments."""

__version__ = "0.1.0"
