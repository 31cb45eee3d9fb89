"""Qt Linguist translations: sources in ui/i18n/<lang>/*.ts, built into ui/i18n/kiosk_<lang>.qm."""
