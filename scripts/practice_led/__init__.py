"""The guide's own MkDocs plugin, `practice-led` (plugin.py), and the work it does, one module a concern."""
