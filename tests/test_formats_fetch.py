"""fetch() against a real HTTP server on 127.0.0.1, started and stopped by the tests.

Each refusal is one line naming the URL and the reason; nothing is retried.
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import formats_support as fs
import pytest

from policykg.errors import PayloadTooLarge
from policykg.fetch import FetchFailed, FetchLimits, fetch
from policykg.loaders import load_document
from policykg.loaders.formats import extract

ENTRY = fs.corpus_entries()["hohhot.txt"]
PARTS = fs.plan_parts(fs.corpus_text("hohhot.txt"))
PAGE = fs.trs_page(PARTS, fs.page_metadata(ENTRY), charset=None)  # charset only in the header
PDF = fs.official_pdf(PARTS, red_header="呼和浩特市人民政府文件", running_header=None)
SLOW_SECONDS = 2.0


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:  # keep the test output clean
        pass

    def _send(self, status: int, body: bytes, ctype: str, *, length: bool = True) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        if length:
            self.send_header("Content-Length", str(len(body)))
        else:
            self.send_header("Connection", "close")  # the body ends when the connection does
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, location: str) -> None:
        self.send_response(302)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self) -> None:
        path = self.path
        if path == "/plan.html":
            self._send(200, PAGE, "text/html; charset=gb2312")
        elif path == "/plan.pdf":
            self._send(200, PDF, "application/pdf")
        elif path == "/attachment":
            self._send(200, PDF, "application/octet-stream")
        elif path == "/moved":
            self._redirect("/plan.html")
        elif path.startswith("/loop/"):
            self._redirect(f"/loop/{int(path.rsplit('/', 1)[1]) + 1}")
        elif path == "/to-file":
            self._redirect("file:///etc/passwd")
        elif path == "/slow":
            time.sleep(SLOW_SECONDS)
            self._send(200, b"late", "text/plain")
        elif path == "/big":
            self._send(200, b"x" * 5000, "text/plain")
        elif path == "/big-unannounced":
            self._send(200, b"x" * 5000, "text/plain", length=False)
        elif path == "/image":
            self._send(200, fs.png_bytes(), "image/png")
        elif path == "/word97":
            self._send(200, fs.legacy_doc(), "application/msword")
        elif path == "/broken":
            self._send(500, b"oops", "text/plain")
        else:
            self._send(404, b"not here", "text/plain")


@pytest.fixture(scope="module")
def base() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def test_page_is_fetched_extracted_and_loaded(base: str) -> None:
    got = fetch(f"{base}/plan.html")
    assert (got.status, got.content_type, got.charset) == (200, "text/html", "gb2312")
    assert got.content == PAGE and got.redirects == []
    extracted = extract(got.content, source=got.final_url, charset=got.charset)
    assert extracted.encoding == "gb18030"
    doc = load_document(extracted.plan_bytes, ENTRY)
    reference = load_document(PARTS.page_text().encode("utf-8"), ENTRY)
    assert fs.document_facts(doc) == fs.document_facts(reference)


def test_pdf_and_generic_download_types(base: str) -> None:
    assert fetch(f"{base}/plan.pdf").content == PDF
    got = fetch(f"{base}/attachment")
    assert got.content_type == "application/octet-stream"
    assert extract(got.content).format == "pdf"


def test_redirect_is_followed(base: str) -> None:
    got = fetch(f"{base}/moved")
    assert got.final_url == f"{base}/plan.html"
    assert got.redirects == [f"{base}/plan.html"]
    assert got.content == PAGE


def test_too_many_redirects(base: str) -> None:
    with pytest.raises(FetchFailed) as e:
        fetch(f"{base}/loop/0", FetchLimits(max_redirects=3))
    assert e.value.message == (f"{base}/loop/0: more than 3 redirects (last to {base}/loop/4)")


def test_redirect_to_another_scheme_is_refused(base: str) -> None:
    with pytest.raises(FetchFailed) as e:
        fetch(f"{base}/to-file")
    assert e.value.message == (
        f"{base}/to-file: redirects to file:/etc/passwd, but only http and https URLs "
        "are fetched, not 'file'"
    )


def test_http_errors_name_the_status(base: str) -> None:
    with pytest.raises(FetchFailed) as e:
        fetch(f"{base}/nothing-here")
    assert e.value.message == f"{base}/nothing-here: the server answered 404 Not Found"
    assert e.value.detail == {"status": 404, "final_url": f"{base}/nothing-here"}
    with pytest.raises(FetchFailed, match=r": the server answered 500 Internal Server Error$"):
        fetch(f"{base}/broken")


def test_read_timeout(base: str) -> None:
    started = time.monotonic()
    with pytest.raises(FetchFailed) as e:
        fetch(f"{base}/slow", FetchLimits(read_timeout=0.3))
    assert e.value.message == f"{base}/slow: the server sent nothing for 0.3 s"
    assert time.monotonic() - started < SLOW_SECONDS


@pytest.mark.parametrize("path", ["/big", "/big-unannounced"])
def test_oversized_body(base: str, path: str) -> None:
    with pytest.raises(PayloadTooLarge) as e:
        fetch(f"{base}{path}", FetchLimits(max_bytes=1000))
    announced = f"{base}/big: the server announces 5000 bytes, over the 1000-byte limit"
    counted = f"{base}/big-unannounced: the body is over the 1000-byte limit"
    assert e.value.message == (announced if path == "/big" else counted)


def test_content_types_that_are_not_plans(base: str) -> None:
    with pytest.raises(FetchFailed) as e:
        fetch(f"{base}/image")
    assert e.value.message == (
        f"{base}/image: the server sent image/png, not a plan (a web page, text, PDF or DOCX)"
    )
    with pytest.raises(FetchFailed, match=r"legacy Word \.doc/\.wps file .* save it as \.docx"):
        fetch(f"{base}/word97")


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("ftp://example.org/plan.pdf", "only http and https URLs are fetched, not 'ftp'"),
        ("file:///etc/passwd", "only http and https URLs are fetched, not 'file'"),
        ("/plan.pdf", "only http and https URLs are fetched, not a bare path"),
        ("http:///plan.pdf", "the URL has no host"),
    ],
)
def test_only_http_urls(url: str, message: str) -> None:
    with pytest.raises(FetchFailed) as e:
        fetch(url)
    assert e.value.message == f"{url}: {message}"


def test_connection_refused() -> None:
    with socket.socket() as s:  # a port nobody listens on: bound, then released
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with pytest.raises(FetchFailed, match=rf"^http://127\.0\.0\.1:{port}/: cannot connect: "):
        fetch(f"http://127.0.0.1:{port}/", FetchLimits(connect_timeout=2))
