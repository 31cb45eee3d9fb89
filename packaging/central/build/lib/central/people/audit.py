"""The audit of people's actions: who, what, when, from where, and how it ended.

Paths and outcomes only: no form values (they may hold personal data) are written here.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from central.people.models import PersonAudit


def record(
    db: sessionmaker[Session],
    *,
    username: str,
    action: str,
    client: str,
    outcome: str,
    target: str = "",
    detail: str = "",
) -> None:
    with db() as s, s.begin():
        s.add(
            PersonAudit(
                at=datetime.now(UTC).replace(tzinfo=None),
                username=username[:64],
                action=action[:64],
                target=target[:300],
                client=client[:64],
                outcome=outcome[:32],
                detail=detail[:2000],
            )
        )


def recent(db: sessionmaker[Session], limit: int = 200, username: str | None = None) -> list[dict[str, str]]:
    q = select(PersonAudit).order_by(PersonAudit.id.desc()).limit(max(1, min(limit, 1000)))
    if username:
        q = q.where(PersonAudit.username == username)
    with db() as s:
        return [
            {
                "at": r.at.replace(tzinfo=UTC).isoformat(),
                "username": r.username,
                "action": r.action,
                "target": r.target,
                "client": r.client,
                "outcome": r.outcome,
            }
            for r in s.scalars(q).all()
        ]
