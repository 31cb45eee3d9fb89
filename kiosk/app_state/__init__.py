"""Qt-free state of the kiosk's front end: which screen is shown, the citizen's session,
the inactivity timeout, the staff-only exit and incident references for the safety net.

The Qt side (:mod:`ui.main_window`) drives these objects and renders what they say; keeping
the decisions here means they are tested without a display and reused by other front ends.
"""
