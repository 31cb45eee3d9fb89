"""Service monitoring on the central: anonymous journey events from kiosks, figures per agency,
the public pages (vi/en, charts drawn on the server), open-data exports, the agency's answers
to rating reasons and the agency head's staff view.

- ``models``   tables (events, session summaries, answers)
- ``ingest``   ``POST /monitoring/v1/events.json`` (kiosks; idempotent, allow-listed)
- ``figures``  the figures, per agency and kiosk/procedure and day/week/month; k-anonymity
- ``charts``   SVG charts (matplotlib's SVG backend)
- ``pages``    public page, print view, CSV/JSON exports; staff view and answers
- ``routes``   the router (listed in ``central.app.ROUTER_MODULES``)
"""
