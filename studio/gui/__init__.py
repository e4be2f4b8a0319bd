"""The studio window (PySide6). The only part of Mesh Studio that imports Qt."""

# the file dialogs' filter for design files (open, save as, compare with)
DESIGN_FILE_FILTER = "Mesh designs (*.mesh.yaml *.yaml *.yml);;All files (*)"
APP_NAME = "Mesh Studio"
