"""Dock panels of the studio: palette, properties."""
