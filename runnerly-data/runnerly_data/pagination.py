"""Page arithmetic and the page envelope every list answers with."""

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session


def page_of(session: Session, query: Select, page: int, per_page: int) -> tuple[list, int]:
    """One page of ``query``'s rows, and how many rows match in all."""
    total = session.scalar(select(func.count()).select_from(query.order_by(None).subquery()))
    rows = session.scalars(query.limit(per_page).offset((page - 1) * per_page)).all()
    return list(rows), total or 0


def envelope(items: list, total: int, page: int, per_page: int) -> dict:
    return {"items": items, "total": total, "page": page, "per_page": per_page}
