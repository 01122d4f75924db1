"""Engines, migrations and the seed loader."""
