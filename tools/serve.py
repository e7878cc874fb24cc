"""Serve a built site on loopback as a static host would: gzip, index.html for directories, the
site's 404 page. The browser tests and the benchmark both read pages through it, and watch the
preview server (`make serve`) with the helpers at the end."""

from __future__ import annotations

import email.utils
import gzip
import http.server
import io
import json
import socket
import sys
import threading
import time
import urllib.request
from contextlib import contextmanager
from functools import lru_cache, partial
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

LOOPBACK = "127.0.0.1"
COMPRESSIBLE = {
    "text/html",
    "text/css",
    "text/javascript",
    "application/javascript",
    "application/json",
    "image/svg+xml",
    "application/xml",
    "text/xml",
    "text/csv",
    "text/markdown",
}


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def send_head(self):
        url = urlsplit(self.path)
        path = Path(self.translate_path(self.path))
        if not self.server.search_documents and url.path.endswith(SEARCH_INDEX) and path.is_file():
            return self._send_file(path, HTTPStatus.OK, _without_documents(path, path.stat().st_mtime_ns))
        if path.is_dir():
            if not url.path.endswith("/"):
                return self._redirect(urlunsplit(("", "", url.path + "/", url.query, "")))
            path = path / "index.html"
        if not path.is_file():
            return self._not_found()
        return self._send_file(path, HTTPStatus.OK)

    def _send_file(self, path: Path, status: HTTPStatus, body: bytes | None = None):
        content_type = self.guess_type(str(path))
        compressible = content_type in COMPRESSIBLE
        gzipped = compressible and self._accepts_gzip()
        if body is None and gzipped:
            stat = path.stat()
            body = _compressed(path, stat.st_mtime_ns, stat.st_size)
        elif body is None:
            body = path.read_bytes()
        elif gzipped:
            body = gzip.compress(body, compresslevel=6)
        self.send_response(status)
        charset = "; charset=utf-8" if content_type.startswith("text/") else ""
        self.send_header("Content-Type", content_type + charset)
        self.send_header("Content-Length", str(len(body)))
        if gzipped:
            self.send_header("Content-Encoding", "gzip")
        if compressible:
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Last-Modified", email.utils.formatdate(path.stat().st_mtime, usegmt=True))
        self.end_headers()
        return io.BytesIO(body)

    def _redirect(self, location: str):
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def _not_found(self):
        page = Path(self.directory) / "404.html"
        if page.is_file():
            return self._send_file(page, HTTPStatus.NOT_FOUND)
        self.send_error(HTTPStatus.NOT_FOUND)
        return None

    def _accepts_gzip(self) -> bool:
        for coding in self.headers.get("Accept-Encoding", "").split(","):
            name, _, params = coding.strip().partition(";")
            if name.strip().lower() == "gzip" and params.replace(" ", "") not in ("q=0", "q=0.0"):
                return True
        return False

    def log_message(self, format, *args):  # noqa: A002 (the base class names it so)
        pass


# A static host compresses a file once, not on every request: the time a page takes to arrive is what
# Lighthouse reads as the server's, and the benchmark's figures include it.
@lru_cache(maxsize=256)
def _compressed(path: Path, modified: int, size: int) -> bytes:
    return gzip.compress(path.read_bytes(), compresslevel=6)


# Material's script builds its search index as soon as it runs, on every page it loads.
SEARCH_INDEX = "/search/search_index.json"


@lru_cache(maxsize=8)
def _without_documents(path: Path, modified: int) -> bytes:
    """The search index with its settings and no document: search works and finds nothing. Made once
    for each version (`modified`) of the file, which every page that loads Material's script asks for."""
    return json.dumps({**json.loads(path.read_bytes()), "docs": []}).encode()


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    search_documents = True

    def handle_error(self, request, client_address):
        # Browsers drop connections they no longer need (a page closed mid-load): not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(directory: Path, search_documents: bool = True):
    """Serve `directory` on a free port of 127.0.0.1; yield the base URL, ending in a slash.

    With `search_documents` false the search index has no document: building the whole index took
    about a third of a second of CPU on every page that loads Material's script, which only tests
    that search need."""
    server = QuietServer((LOOPBACK, 0), partial(StaticHandler, directory=str(directory)))
    server.search_documents = search_documents
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://{LOOPBACK}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def other_hosts(urls) -> list[str]:
    """The URLs a page requested from anywhere but the loopback server (data: and blob: URLs stay)."""
    return [url for url in urls if urlsplit(url).hostname not in {LOOPBACK, None}]


# --- The preview server (`mkdocs serve`), run in another process ---


class PreviewError(RuntimeError):
    """The preview server stopped, or never showed what was expected."""


def free_port() -> int:
    """A port of 127.0.0.1 that nothing listens on now, for a server started in another process."""
    with socket.socket() as probe:
        probe.bind((LOOPBACK, 0))
        return probe.getsockname()[1]


def wait_for_page(url: str, ready, server, timeout: float = 60) -> str:
    """The page at `url` once `ready(page)` holds, asked for every 20 ms while `server` (a Popen)
    keeps running."""
    deadline = time.monotonic() + timeout
    body = ""
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise PreviewError("the preview server stopped")
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                body = response.read().decode("utf-8")
        except OSError:
            body = ""
        if body and ready(body):
            return body
        time.sleep(0.02)
    raise PreviewError(f"{url} did not show the change within {timeout:.0f} s; last page:\n{body[:2000]}")
