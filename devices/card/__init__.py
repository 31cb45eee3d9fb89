"""Chip ID card (CCCD, ICAO 9303 TD1 eMRTD) reader.

Entry points: ``factory.open_card_reader(settings)`` gives a ``base.CardReader`` (``pcsc.PcscCardReader``
or ``simulated.SimulatedCardReader``); ``cccd_qr`` turns the front QR into BAC keys; ``mrz``
parses the back's MRZ. The protocol lives in ``bac``/``pace`` (access), ``sm`` (secure
messaging, ``des``/``aes``), ``emrtd`` (the read sequence), ``lds``/``dg13``/``sod`` (files),
``passive``/``aa`` (verification); ``applet``/``personalise`` are the card side, for the demo
and the tests. Errors are ``errors.CardError`` with a message code and a way on.
"""
