"""The reference for start-up and memory: a bare Textual app with a Header, a Static, a Footer.

Run it the way the benchmarks launch isotrack: ``python bench/bare_app.py`` in a terminal.
"""

from textual.app import App, ComposeResult
from textual.widgets import Footer, Header, Static

MARKER = "bare app ready"


class BareApp(App[None]):
    """Nothing but the three widgets most screens are made of."""

    BINDINGS = [("q", "quit", "Quit")]  # noqa: RUF012

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(MARKER)
        yield Footer()


if __name__ == "__main__":
    BareApp().run()
