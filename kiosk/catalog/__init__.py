"""Procedure catalog (CPSV-AP style, vi + en), administrative units after the 2025
reorganisation, forgiving search and working-day arithmetic. Qt-free."""
