"""A software TPM 2.0 (Debian's ``swtpm``) for tests that need the real TPM protocol.

``start_swtpm(state_dir)`` runs ``swtpm socket --tpm2`` on two free TCP ports (commands and
control) with its state in ``state_dir``, waits until it answers, and returns a handle with the
TCTI string for tpm2-pytss (``swtpm:host=127.0.0.1,port=P``). ``stop()`` terminates it. Two
instances with different state dirs are two different TPMs (different seeds): what one seals,
the other cannot unseal.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path


class SwtpmUnavailable(RuntimeError):
    pass


def _free_port_pair() -> int:
    """A port P with P and P+1 both free (swtpm wants the control port next to the server's)."""
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
        if port >= 65535:
            continue
        with socket.socket() as s2:
            try:
                s2.bind(("127.0.0.1", port + 1))
            except OSError:
                continue
        return port
    raise SwtpmUnavailable("no two adjacent free TCP ports")


def _answers(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


@dataclass
class Swtpm:
    state_dir: Path
    port: int
    process: subprocess.Popen

    @property
    def tcti(self) -> str:
        return f"swtpm:host=127.0.0.1,port={self.port}"

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=5)


def start_swtpm(state_dir: Path, timeout: float = 10.0) -> Swtpm:
    exe = shutil.which("swtpm")
    if exe is None:
        raise SwtpmUnavailable("swtpm is not installed (apt-get install swtpm swtpm-tools tpm2-tools)")
    state_dir.mkdir(parents=True, exist_ok=True)
    last = ""
    log = state_dir / "swtpm.log"  # a file, not a pipe: a full pipe would stall the TPM
    for _ in range(3):  # a port taken between the probe and swtpm's bind: try other ports
        port = _free_port_pair()
        proc = subprocess.Popen(
            [
                exe,
                "socket",
                "--tpm2",
                "--server",
                f"type=tcp,port={port},bindaddr=127.0.0.1",
                "--ctrl",
                f"type=tcp,port={port + 1},bindaddr=127.0.0.1",
                "--tpmstate",
                f"dir={state_dir}",
                "--flags",
                "not-need-init,startup-clear",
                "--log",
                f"file={log}",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while proc.poll() is None and time.monotonic() < deadline:
            if _answers(port):
                return Swtpm(state_dir, port, proc)
            time.sleep(0.02)  # polling interval of a condition wait, not a blind sleep
        if proc.poll() is None:
            proc.terminate()
            proc.wait(timeout=5)
        last = log.read_text(errors="replace")[-500:] if log.exists() else f"exit status {proc.returncode}"
    raise SwtpmUnavailable(f"swtpm did not start: {last}")


def write_tpm_config(
    path: Path, tcti: str, *, max_tries: int = 10, recovery_s: int = 600, pcrs: tuple[int, ...] = (7,)
) -> Path:
    """A kiosk configuration that puts the kiosk's secrets in the TPM at ``tcti``."""
    path.write_text(
        f'[security]\nkey_store = "tpm"\ntpm_tcti = "{tcti}"\ntpm_max_tries = {max_tries}\n'
        f"tpm_recovery_s = {recovery_s}\ntpm_pcrs = {list(pcrs)}\n",
        encoding="utf-8",
    )
    return path
