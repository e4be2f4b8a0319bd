"""Dialogs of the studio: modal tasks that leave the canvas alone (export)."""
