"""Words and layout shared by the CLI and the app, built on the domain's rules and constants:
plurals, trend and p-value phrases, set boxes, the heatmap's geometry, marks and glyphs.

Plain strings only (no Textual, no Rich): each front end adds its own colour.
"""
