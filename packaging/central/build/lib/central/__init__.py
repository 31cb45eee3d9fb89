"""The sandbox central: a real Open311 server (FastAPI + SQLite) for the demo and the tests.

The kiosk never knows it is talking to a sandbox; it reaches it only through kiosk/central/.
"""
