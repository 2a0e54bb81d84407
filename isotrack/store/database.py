"""TinyDB as the store opens it: the same database, tables and documents, with an upsert by
document id that changes that one document in place of TinyDB's rebuilding of the table.

TinyDB's ``Table.upsert`` of a ``Document`` runs ``update`` and, when nothing matched,
``insert``; each turns every id of the table into a number and back again (twice a tick for
a month of thirty-one documents). When the document is there under its id's text, the same
change is made directly: its fields set in place, as TinyDB's ``update`` sets them, and the
table handed to the storage as a new dict, as TinyDB hands it. Anything else (a query, a new
document, an id kept as other text) goes through TinyDB's own path.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from tinydb import TinyDB
from tinydb.table import Document, Table


class DocTable(Table):
    """A TinyDB table whose upsert of an existing document by id is one change."""

    def upsert(self, document: Mapping[str, Any], cond: Any = None) -> list[int]:
        doc_id = document.doc_id if isinstance(document, Document) else None
        tables = self._storage.read() if cond is None and type(doc_id) is int else None
        raw: Any = tables.get(self.name) if tables is not None else None
        old = raw.get(str(doc_id)) if isinstance(raw, dict) else None
        if tables is None or type(old) is not dict:
            return super().upsert(document, cond)
        old.update(document)  # (TinyDB's update: the stored document's fields, in place)
        tables[self.name] = dict(raw)
        self._storage.write(tables)
        self.clear_cache()
        return [doc_id]


class Database(TinyDB):
    """TinyDB with :class:`DocTable` tables."""

    table_class = DocTable
