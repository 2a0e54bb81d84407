"""The report for a physiotherapist: its words and tables, HTML with SVG, and Markdown.

Imported only by the report command and the app's report action (never at start-up).
"""
