"""The demo printer writes what a head would print, and can run out of paper."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from devices.printer import open_printer
from devices.printer.base import PrinterError
from devices.printer.jobs import PrintJobs
from devices.printer.simulated import SimulatedPrinter


def test_writes_a_1bit_png_per_print(tmp_path):
    p = open_printer("sim://", 58, tmp_path)
    assert isinstance(p, SimulatedPrinter) and p.width_dots == 384
    img = Image.new("L", (384, 50), 255)
    img.paste(0, (0, 0, 100, 10))
    p.print_image(img)
    out = tmp_path / "printer" / "simulated"
    (png,) = sorted(out.glob("*.png"))
    back = Image.open(png)
    assert back.mode == "1" and back.size == (384, 50) and not np.asarray(back)[:10, :100].any()
    assert (png.stat().st_mode & 0o777) == 0o600


def test_runs_out_mid_job_and_the_job_is_held(tmp_path):
    p = open_printer("sim://?paper_rows=30", 80, tmp_path)
    jobs = PrintJobs(p, tmp_path / "jobs")
    r = jobs.submit("R-1", Image.new("L", (576, 100), 0))
    assert not r.printed and r.code == "printer.paper_end"
    assert Image.open(p.printed[0]).size == (576, 30)  # the torn part
    p.load_paper()
    assert jobs.resume("R-1").printed and Image.open(p.printed[1]).size == (576, 100)


@pytest.mark.parametrize("state", ["paper_end", "cover_open", "offline", "error"])
def test_states_refuse_to_print(tmp_path, state):
    p = open_printer(f"sim://?status={state}", 80, tmp_path)
    assert p.status().condition == state
    with pytest.raises(PrinterError) as e:
        p.print_image(Image.new("L", (8, 8)))
    assert e.value.code == f"printer.{state}"


def test_unknown_state_is_a_setting_error(tmp_path):
    with pytest.raises(PrinterError) as e:
        open_printer("sim://?status=jammed", 80, tmp_path)
    assert e.value.code == "printer.bad_uri"
