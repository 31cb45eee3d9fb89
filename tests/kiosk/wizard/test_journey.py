"""kiosk.wizard.journey re-exports the journey's public names from their homes, unchanged."""

from __future__ import annotations

import inspect

from kiosk.wizard import documents, dossier, form, journey, state


def test_every_public_name_is_the_object_of_its_home_module():
    homes = (state, form, documents, dossier)
    for name in journey.__all__:
        owners = [m for m in homes if getattr(m, name, None) is getattr(journey, name)]
        assert owners, f"{name} is not the object its home module defines"
    public = {  # the classes and functions each home defines (constants are listed by hand in __all__)
        n
        for m in homes
        for n, obj in vars(m).items()
        if not n.startswith("_")
        and (inspect.isclass(obj) or inspect.isfunction(obj))
        and obj.__module__ == m.__name__
    }
    assert public <= set(journey.__all__), public - set(journey.__all__)
