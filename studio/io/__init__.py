"""Reading and writing design files: safe YAML with positions, canonical and atomic saving."""
