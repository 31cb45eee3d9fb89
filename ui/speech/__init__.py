"""Voice guidance and non-visual operation: the speech engine (QtTextToSpeech on a worker
thread), the controller that decides what to say when, headphone detection, and keypad
navigation in reading order."""
