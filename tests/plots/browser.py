"""Headless Chromium driven over the DevTools protocol on a pipe (``--remote-debugging-pipe``:
commands on fd 3, replies on fd 4, NUL-separated JSON), so the test needs no port, no
websocket library and no browser-automation package.

A page is opened from its ``file://`` URL with the network emulated offline; every
console error, uncaught exception, error log entry and non-local request is recorded,
and the page is polled until its charts are drawn (or the time runs out).
"""

import fcntl
import itertools
import json
import os
import queue
import shutil
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass, field

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--no-default-browser-check", "--mute-audio",
    "--use-angle=swiftshader", "--enable-unsafe-swiftshader",  # software WebGL, for plotly's 3-D and WebGL scatter
]
LOCAL_SCHEMES = ("file:", "data:", "blob:", "about:")


def find_chromium():
    return shutil.which("chromium") or shutil.which("chromium-browser")


@dataclass
class PageReport:
    counts: dict
    errors: list = field(default_factory=list)
    remote_requests: list = field(default_factory=list)


class Chromium:
    def __init__(self, executable):
        self._profile = tempfile.mkdtemp(prefix="chromium-profile-")
        commands_read, self._commands = os.pipe()
        self._replies, replies_write = os.pipe()
        child_in, child_out = (fcntl.fcntl(fd, fcntl.F_DUPFD_CLOEXEC, 10) for fd in (commands_read, replies_write))  # clear of 3, 4
        self._log = tempfile.TemporaryFile()
        self.process = subprocess.Popen(
            [executable, *FLAGS, f"--user-data-dir={self._profile}", "--remote-debugging-pipe", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=self._log, stderr=self._log, close_fds=False,
            preexec_fn=lambda: (os.dup2(child_in, 3), os.dup2(child_out, 4)),  # dup2 leaves 3 and 4 inheritable
        )
        for fd in (commands_read, replies_write, child_in, child_out):
            os.close(fd)
        self._ids = itertools.count(1)
        self._messages = queue.Queue()
        self._events = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        buffer = b""
        while chunk := os.read(self._replies, 1 << 16):
            buffer += chunk
            *messages, buffer = buffer.split(b"\0")
            for message in messages:
                self._messages.put(json.loads(message))
        self._messages.put(None)

    def send(self, method, params=None, session=None, timeout=30):
        """Send one command; return its result (events that arrive meanwhile are kept)."""
        ident = next(self._ids)
        message = {"id": ident, "method": method, "params": params or {}, **({"sessionId": session} if session else {})}
        os.write(self._commands, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + timeout
        while True:
            reply = self._next(deadline, f"no reply to {method}")
            if reply.get("id") == ident:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            self._events.append(reply)

    def _next(self, deadline, what):
        try:
            message = self._messages.get(timeout=max(deadline - time.monotonic(), 0.01))
        except queue.Empty:
            raise TimeoutError(f"{what} from Chromium ({self.stderr_tail()})") from None
        if message is None:
            raise RuntimeError(f"Chromium exited ({self.stderr_tail()})")
        return message

    def _wait_for(self, method, session, deadline):
        while not any(e.get("method") == method and e.get("sessionId") == session for e in self._events):
            self._events.append(self._next(deadline, method))

    def _drain(self):
        while not self._messages.empty():
            message = self._messages.get()
            if message is not None:
                self._events.append(message)

    def visit(self, url, drawn, timeout=60):
        """Open ``url`` offline; poll ``drawn`` (a JavaScript expression giving an object
        with a ``done`` flag) until done or ``timeout``. Returns a :class:`PageReport`."""
        target = self.send("Target.createTarget", {"url": "about:blank"})["targetId"]
        session = self.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
        for domain in ("Runtime", "Log", "Network", "Page"):
            self.send(f"{domain}.enable", session=session)
        self.send("Network.emulateNetworkConditions",
                  {"offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}, session)
        self._events = []
        self.send("Page.navigate", {"url": url}, session)
        deadline = time.monotonic() + timeout
        self._wait_for("Page.loadEventFired", session, deadline)
        while True:
            counts = self.send("Runtime.evaluate", {"expression": drawn, "returnByValue": True}, session)["result"].get("value") or {}
            if counts.get("done") or time.monotonic() > deadline:
                break
            time.sleep(0.25)
        time.sleep(0.5)  # let late console messages arrive
        self._drain()
        report = PageReport(counts)
        for event in (e for e in self._events if e.get("sessionId") == session):
            self._record(report, event.get("method"), event.get("params", {}))
        self.send("Target.closeTarget", {"targetId": target})
        return report

    @staticmethod
    def _record(report, method, params):
        if method == "Runtime.consoleAPICalled" and params["type"] in ("error", "assert"):
            report.errors.append("console: " + " ".join(str(a.get("value", a.get("description", ""))) for a in params["args"]))
        elif method == "Runtime.exceptionThrown":
            details = params["exceptionDetails"]
            report.errors.append("exception: " + details.get("exception", {}).get("description", details.get("text", "")))
        elif method == "Log.entryAdded" and params["entry"]["level"] == "error":
            report.errors.append(f"log: {params['entry']['text']} {params['entry'].get('url', '')}")
        elif method == "Network.requestWillBeSent" and not params["request"]["url"].startswith(LOCAL_SCHEMES):
            report.remote_requests.append(params["request"]["url"])

    def stderr_tail(self):
        self._log.seek(0)
        return self._log.read()[-1500:].decode(errors="replace")

    def close(self):
        self.process.kill()
        self.process.wait()
        os.close(self._commands)
        self._log.close()
        shutil.rmtree(self._profile, ignore_errors=True)
