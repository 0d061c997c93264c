"""Column types that read and write the same Python values on SQLite and PostgreSQL.

SQLite keeps instants as sortable UTC ISO text, dates as ISO text and JSON as text
(what the numbered migrations created); PostgreSQL keeps them as ``timestamptz``,
``date`` and ``jsonb``, so its own tools, indexes and JSON functions work on them.
Repositories written against these types see aware datetimes, dates and decoded JSON
on both.
"""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any

from sqlalchemy import BigInteger, Date, Integer, Text
from sqlalchemy.dialects.postgresql import JSONB, TIMESTAMP
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator, TypeEngine

from secresponder.domain.deadline import LONDON
from secresponder.store.instants import instant_from_db, instant_to_db

# SQLite's rowid alias must be spelled exactly INTEGER PRIMARY KEY; PostgreSQL's ids are
# 64-bit so a long-lived team database never runs out.
Id = BigInteger().with_variant(Integer(), "sqlite")


def _is_postgres(dialect: Dialect) -> bool:
    return dialect.name == "postgresql"


class Instant(TypeDecorator[datetime]):
    """An aware datetime: ``timestamptz`` on PostgreSQL, UTC ISO text on SQLite; read in London.

    ``local=True`` is for the SQLite columns the app has always written in London time
    (draft versions, snippets), so a copied workspace stores them exactly as it would.
    """

    impl = Text
    cache_ok = True

    def __init__(self, local: bool = False) -> None:
        super().__init__()
        self.local = local

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if _is_postgres(dialect):
            return dialect.type_descriptor(TIMESTAMP(timezone=True))
        return dialect.type_descriptor(Text())

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("instants must be timezone-aware")
        if _is_postgres(dialect):
            return value
        return value.astimezone(LONDON).isoformat() if self.local else instant_to_db(value)

    def process_result_value(self, value: Any, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if isinstance(value, datetime):
            return value.astimezone(LONDON)
        return instant_from_db(value)


class IsoDate(TypeDecorator[date]):
    """A calendar date: ``date`` on PostgreSQL, ISO text on SQLite."""

    impl = Text
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if _is_postgres(dialect):
            return dialect.type_descriptor(Date())
        return dialect.type_descriptor(Text())

    def process_bind_param(self, value: date | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        return value if _is_postgres(dialect) else value.isoformat()

    def process_result_value(self, value: Any, dialect: Dialect) -> date | None:
        if value is None or isinstance(value, date):
            return value
        return date.fromisoformat(value)


class Json(TypeDecorator[Any]):
    """A JSON value: ``jsonb`` on PostgreSQL, UTF-8 JSON text on SQLite."""

    impl = Text
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if _is_postgres(dialect):
            return dialect.type_descriptor(JSONB())
        return dialect.type_descriptor(Text())

    def process_bind_param(self, value: Any, dialect: Dialect) -> Any:
        if value is None or _is_postgres(dialect):
            return value  # SQL NULL; or JSONB encodes it
        return json.dumps(value, ensure_ascii=False)

    def process_result_value(self, value: Any, dialect: Dialect) -> Any:
        if value is None or _is_postgres(dialect):
            return value
        return json.loads(value)
