"""The canvas: a scene that mirrors the Document, its items, and the view around it."""
