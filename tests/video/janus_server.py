"""A real Janus gateway for the SFU tests and the benchmark: Debian's /usr/bin/janus
with a generated configuration (VideoRoom plugin, HTTP and WebSocket transports on
free loopback ports, an admin_key so only the hub creates rooms)."""

from __future__ import annotations

import secrets
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

JANUS_BIN = Path("/usr/bin/janus")
JANUS_LIB = Path("/usr/lib/x86_64-linux-gnu/janus")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class JanusServer:
    process: subprocess.Popen
    folder: Path
    http_url: str
    ws_url: str
    admin_key: str

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        shutil.rmtree(self.folder, ignore_errors=True)

    @property
    def log(self) -> str:
        return (self.folder / "janus.log").read_text(errors="replace")


def _link_only(target: Path, source: Path, names: list[str]) -> None:
    """A modules folder holding only the plugins/transports we use: Janus loads
    every .so it finds in its folders."""
    target.mkdir()
    for name in names:
        (target / name).symlink_to(source / name)


def _write_config(folder: Path, http_port: int, ws_port: int, admin_key: str):
    conf = folder / "conf"
    conf.mkdir()
    _link_only(folder / "plugins", JANUS_LIB / "plugins", ["libjanus_videoroom.so"])
    _link_only(
        folder / "transports",
        JANUS_LIB / "transports",
        ["libjanus_http.so", "libjanus_websockets.so"],
    )
    (folder / "events").mkdir()
    (folder / "loggers").mkdir()
    (folder / "recordings").mkdir()
    (conf / "janus.jcfg").write_text(
        f"""general: {{
  configs_folder = "{conf}"
  plugins_folder = "{folder / "plugins"}"
  transports_folder = "{folder / "transports"}"
  events_folder = "{folder / "events"}"
  loggers_folder = "{folder / "loggers"}"
  debug_level = 4
  session_timeout = 60
}}
media: {{
  rtp_port_range = "20000-40000"
}}
nat: {{
  ice_ignore_list = "vmnet"
}}
"""
    )
    (conf / "janus.plugin.videoroom.jcfg").write_text(
        f'general: {{\n  admin_key = "{admin_key}"\n}}\n'
    )
    (conf / "janus.transport.http.jcfg").write_text(
        f"""general: {{
  json = "compact"
  base_path = "/janus"
  http = true
  port = {http_port}
  interface = "lo"
  https = false
}}
admin: {{
  admin_http = false
}}
cors: {{
}}
"""
    )
    (conf / "janus.transport.websockets.jcfg").write_text(
        f"""general: {{
  json = "compact"
  ws = true
  ws_port = {ws_port}
  ws_ip = "127.0.0.1"
  wss = false
}}
admin: {{
  admin_ws = false
}}
"""
    )
    return conf


def _wait_ready(url: str, process: subprocess.Popen, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"janus exited with {process.returncode}")
        try:
            with urllib.request.urlopen(url + "/info", timeout=2) as response:  # noqa: S310 - loopback http
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError("janus did not answer in time")


def start_janus() -> JanusServer:
    folder = Path(tempfile.mkdtemp(prefix="hub-janus-"))
    http_port, ws_port = free_port(), free_port()
    admin_key = secrets.token_hex(16)
    conf = _write_config(folder, http_port, ws_port, admin_key)
    log = open(folder / "janus.log", "wb")
    process = subprocess.Popen(
        [str(JANUS_BIN), "-F", str(conf), "-C", str(conf / "janus.jcfg")],
        stdout=log,
        stderr=subprocess.STDOUT,
        cwd=folder,
    )
    server = JanusServer(
        process=process,
        folder=folder,
        http_url=f"http://127.0.0.1:{http_port}/janus",
        ws_url=f"ws://127.0.0.1:{ws_port}/",
        admin_key=admin_key,
    )
    try:
        _wait_ready(server.http_url, process)
    except RuntimeError as error:
        log = server.log[-3000:]
        server.stop()
        raise RuntimeError(f"{error}\n{log}") from error
    return server
