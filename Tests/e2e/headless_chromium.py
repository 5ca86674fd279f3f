"""A small Chrome DevTools Protocol client for Debian's `chromium`, driven over `--remote-debugging-pipe`.

No browser download and no Python package: Chromium reads protocol messages from file descriptor 3 and writes them to
4, each a JSON object ended by a NUL byte. The browser reaches only loopback: every host name resolves to nothing and
every other address goes through a proxy that is not there, so pages that link outside (oidc-provider-mock's
stylesheet on a CDN) load without it.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
from collections import deque
from pathlib import Path
from typing import Any

DEFAULT_TIMEOUT = 30.0

# Flags that keep the browser quiet and on loopback: no sync, no updates, no telemetry, no outside DNS.
_FLAGS = [
    "--headless=new",
    "--no-sandbox",  # the test machine runs as root, where Chromium's sandbox cannot start
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--no-default-browser-check",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-default-apps",
    "--disable-domain-reliability",
    "--disable-sync",
    "--disable-client-side-phishing-detection",
    "--disable-features=Translate,OptimizationHints,MediaRouter,AutofillServerCommunication",
    "--metrics-recording-only",
    "--no-pings",
    "--password-store=basic",
    "--use-mock-keychain",
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1",
    "--proxy-server=http://127.0.0.1:9",  # loopback bypasses proxies; anything else fails here
    "--hide-scrollbars",
    "--font-render-hinting=none",
    "--remote-debugging-pipe",
]


class BrowserError(AssertionError):
    """The browser or a page did not do what the test expected."""


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(name)
        if path:
            return path
    return None


class HeadlessChromium:
    """One headless Chromium with one page; use as a context manager so the process always ends."""

    def __init__(self, binary: str, width: int = 1440, height: int = 900) -> None:
        self._profile = tempfile.mkdtemp(prefix="scimgw-chromium-")
        to_browser_read, self._to_browser = os.pipe()
        self._from_browser, from_browser_write = os.pipe()

        def attach_pipes() -> None:
            os.dup2(to_browser_read, 3)
            os.dup2(from_browser_write, 4)

        self._process = subprocess.Popen(
            [binary, *_FLAGS, f"--user-data-dir={self._profile}", f"--window-size={width},{height}", "about:blank"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            pass_fds=(3, 4),
            preexec_fn=attach_pipes,  # only dup2 in the child, which is safe before exec
        )
        os.close(to_browser_read)
        os.close(from_browser_write)
        self._next_id = 0
        self._lock = threading.Condition()
        self._replies: dict[int, dict[str, Any]] = {}
        self._events: deque[dict[str, Any]] = deque()
        self._closed = False
        self._stderr: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()
        threading.Thread(target=self._drain_stderr, daemon=True).start()

        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self._session = self.call("Target.attachToTarget", targetId=target, flatten=True)["sessionId"]
        for domain in ("Page", "Runtime", "Log"):
            self.page(f"{domain}.enable")
        self.page("Emulation.setDeviceMetricsOverride", width=width, height=height, deviceScaleFactor=1, mobile=False)
        self.width, self.height = width, height

    # Protocol plumbing -------------------------------------------------------------------------------------------

    def _read(self) -> None:
        buffer = b""
        while True:
            try:
                chunk = os.read(self._from_browser, 1 << 16)
            except OSError:
                chunk = b""
            if not chunk:
                with self._lock:
                    self._closed = True
                    self._lock.notify_all()
                return
            buffer += chunk
            while b"\0" in buffer:
                raw, buffer = buffer.split(b"\0", 1)
                message = json.loads(raw)
                with self._lock:
                    if "id" in message:
                        self._replies[message["id"]] = message
                    else:
                        self._events.append(message)
                    self._lock.notify_all()

    def _drain_stderr(self) -> None:
        assert self._process.stderr is not None
        for line in self._process.stderr:
            self._stderr.append(line.decode(errors="replace").rstrip())
            del self._stderr[:-50]

    def _send(self, method: str, params: dict[str, Any], session: str | None) -> int:
        with self._lock:
            self._next_id += 1
            message_id = self._next_id
        message: dict[str, Any] = {"id": message_id, "method": method, "params": params}
        if session:
            message["sessionId"] = session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        return message_id

    def _await(self, message_id: int, method: str, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        with self._lock:
            while message_id not in self._replies:
                remaining = deadline - time.monotonic()
                if self._closed or remaining <= 0:
                    raise BrowserError(f"no answer to {method}; browser stderr: {self._stderr[-5:]}")
                self._lock.wait(remaining)
            reply = self._replies.pop(message_id)
        if "error" in reply:
            raise BrowserError(f"{method} failed: {reply['error']}")
        return reply.get("result", {})

    def call(self, method: str, timeout: float = DEFAULT_TIMEOUT, **params: Any) -> dict[str, Any]:
        """A browser-level command."""
        return self._await(self._send(method, params, None), method, timeout)

    def page(self, method: str, timeout: float = DEFAULT_TIMEOUT, **params: Any) -> dict[str, Any]:
        """A command to the page's session."""
        return self._await(self._send(method, params, self._session), method, timeout)

    def _wait_event(self, method: str, timeout: float) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        with self._lock:
            while True:
                for event in list(self._events):
                    if event.get("method") == method and event.get("sessionId") == self._session:
                        self._events.remove(event)
                        return event
                remaining = deadline - time.monotonic()
                if self._closed or remaining <= 0:
                    raise BrowserError(f"the page never fired {method}")
                self._lock.wait(remaining)

    def _forget(self, method: str) -> None:
        with self._lock:
            for event in [event for event in self._events if event.get("method") == method]:
                self._events.remove(event)

    # What tests use ----------------------------------------------------------------------------------------------

    def goto(self, url: str, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Opens `url` and waits for the page to load."""
        self._forget("Page.loadEventFired")
        result = self.page("Page.navigate", url=url)
        if result.get("errorText"):
            raise BrowserError(f"could not open {url}: {result['errorText']}")
        self._wait_event("Page.loadEventFired", timeout)

    def evaluate(self, expression: str) -> Any:
        """Runs JavaScript in the page (awaiting a promise) and returns its value."""
        result = self.page("Runtime.evaluate", expression=expression, returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in result:
            raise BrowserError(f"script failed: {result['exceptionDetails'].get('text')}: {expression[:200]}")
        return result.get("result", {}).get("value")

    def exists(self, selector: str) -> bool:
        return bool(self.evaluate(f"document.querySelector({json.dumps(selector)}) !== null"))

    def fill(self, selector: str, value: str) -> None:
        """Types `value` into a field, as a person would: focus, select what is there, insert the text."""
        found = self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)}); if (!e) return false;"
            " e.focus(); e.select && e.select(); return true; })()"
        )
        if not found:
            raise BrowserError(f"no field {selector} on {self.url()}")
        self.page("Input.insertText", text=value)

    def click(self, selector: str) -> None:
        """Clicks an element in the middle of its box with the mouse, which must reach it (not covered, not inert)."""
        box = self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)}); if (!e) return null;"
            " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
            " return {x: r.left + r.width / 2, y: r.top + r.height / 2, w: r.width}; })()"
        )
        if not box or not box["w"]:
            raise BrowserError(f"nothing visible to click at {selector} on {self.url()}")
        for kind in ("mousePressed", "mouseReleased"):
            self.page("Input.dispatchMouseEvent", type=kind, x=box["x"], y=box["y"], button="left", clickCount=1)

    def click_and_wait(self, selector: str, timeout: float = DEFAULT_TIMEOUT) -> None:
        """Clicks something that loads a new page (a link or a submit button) and waits for that page."""
        self._forget("Page.loadEventFired")
        self.click(selector)
        self._wait_event("Page.loadEventFired", timeout)

    def url(self) -> str:
        return str(self.evaluate("window.location.href"))

    def text(self, selector: str = "body") -> str:
        value = self.evaluate(f"(document.querySelector({json.dumps(selector)}) || {{}}).innerText || ''")
        return str(value)

    def value(self, selector: str) -> str:
        return str(self.evaluate(f"(document.querySelector({json.dumps(selector)}) || {{}}).value || ''"))

    def html(self) -> str:
        return str(self.evaluate("document.documentElement.outerHTML"))

    def grant_clipboard(self, origin: str) -> None:
        permissions = ["clipboardReadWrite", "clipboardSanitizedWrite"]
        self.call("Browser.grantPermissions", origin=origin, permissions=permissions)

    def console_problems(self) -> list[str]:
        """Errors the page logged (CSP violations, failed scripts), then forgets them."""
        problems = []
        with self._lock:
            for event in list(self._events):
                method = event.get("method")
                if method == "Log.entryAdded" and event["params"]["entry"].get("level") == "error":
                    problems.append(event["params"]["entry"].get("text", ""))
                elif method == "Runtime.exceptionThrown":
                    problems.append(str(event["params"]["exceptionDetails"].get("text", "")))
                elif method == "Runtime.consoleAPICalled" and event["params"].get("type") == "error":
                    problems.append(" ".join(str(arg.get("value", "")) for arg in event["params"].get("args", [])))
                else:
                    continue
                self._events.remove(event)
            self._events.clear()
        return problems

    def screenshot(self, path: Path, full_page: bool = True) -> None:
        """Saves the page as PNG; `full_page` captures below the fold too, at the viewport's width."""
        params: dict[str, Any] = {"format": "png"}
        # Back to the top, and a moment for transitions (a switch sliding) to end, so screenshots are stable.
        self.evaluate("window.scrollTo(0, 0); new Promise((done) => setTimeout(done, 300))")
        if full_page:
            metrics = self.page("Page.getLayoutMetrics")
            height = max(self.height, int(metrics["cssContentSize"]["height"]))
            clip = {"x": 0, "y": 0, "width": self.width, "height": height, "scale": 1}
            params.update(captureBeyondViewport=True, clip=clip)
        data = self.page("Page.captureScreenshot", **params)["data"]
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        try:
            if not self._closed:
                self._send("Browser.close", {}, None)
            self._process.wait(timeout=10)
        except (OSError, subprocess.TimeoutExpired):
            self._process.kill()
            self._process.wait(timeout=10)
        finally:
            for descriptor in (self._to_browser, self._from_browser):
                try:
                    os.close(descriptor)
                except OSError:
                    pass
            shutil.rmtree(self._profile, ignore_errors=True)

    def __enter__(self) -> HeadlessChromium:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
