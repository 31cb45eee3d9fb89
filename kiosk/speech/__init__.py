"""What the kiosk says: per-screen speech scripts and a text normaliser (no Qt, no audio).

:mod:`kiosk.speech.normalise` writes numbers, dates, money, codes and abbreviations as words;
:mod:`kiosk.speech.scripts` says, for each screen state, what is read on arrival;
:mod:`kiosk.speech.privacy` keeps personal data off the open speaker;
:mod:`kiosk.speech.synth` renders speech to a WAV file with espeak-ng (tests, CLI).
"""
