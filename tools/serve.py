"""Serve a built site on loopback as a static host would: gzip, index.html for directories, the
site's 404 page. The browser tests and the benchmark both read pages through it."""

from __future__ import annotations

import email.utils
import gzip
import http.server
import io
import sys
import threading
from contextlib import contextmanager
from functools import partial
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

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
        if path.is_dir():
            if not url.path.endswith("/"):
                return self._redirect(urlunsplit(("", "", url.path + "/", url.query, "")))
            path = path / "index.html"
        if not path.is_file():
            return self._not_found()
        return self._send_file(path, HTTPStatus.OK)

    def _send_file(self, path: Path, status: HTTPStatus):
        body = path.read_bytes()
        content_type = self.guess_type(str(path))
        compressible = content_type in COMPRESSIBLE
        gzipped = compressible and self._accepts_gzip()
        if gzipped:
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


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # Browsers drop connections they no longer need (a page closed mid-load): not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(directory: Path):
    """Serve `directory` on a free port of 127.0.0.1; yield the base URL, ending in a slash."""
    server = QuietServer(("127.0.0.1", 0), partial(StaticHandler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
