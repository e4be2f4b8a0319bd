"""The studio window (PySide6). The only part of Mesh Studio that imports Qt."""
