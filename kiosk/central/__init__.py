"""The kiosk's only way to the central system: an Open311 GeoReport v2 client with our extensions.

``CentralClient`` (client.py) returns typed results (models.py) and raises the domain
exceptions in errors.py; nothing else in the kiosk imports ``requests`` for the central.
"""
