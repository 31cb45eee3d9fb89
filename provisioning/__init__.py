"""Enrollment, signed configuration, device self-test and heartbeat. No Qt."""
