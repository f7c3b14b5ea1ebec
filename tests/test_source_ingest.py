"""Plans in every format and by URL, through the one source entry, into the real graph.

The fixture plan is ``tests/data/fixtures/luming_draft_plan.txt`` (a synthetic
鹿鸣市 征求意见稿 with a covering notice, a contact line and 14 targets). At test
time it is laid out as a government web page (GB18030, a 信息公开 box, a footer
naming a contact person), a printed PDF and a Word file (``formats_support``).
Each is uploaded through ``POST /documents`` or ingested with ``policykg
ingest`` (a URL served on 127.0.0.1), read back from the graph, and compared
with the same plan's text uploaded the same way: same metadata, units,
agencies, measures, clause links and targets; only the ids' source digest and
the provenance differ. The text a web page is compared with is the capture
without the site's header (``鹿鸣市市场监督管理局`` above the breadcrumb, which a
page shows outside the article); a printed file's is the document as printed
(its title, then its text): the accepted differences of
``tests/test_formats_html.py`` and ``tests/test_formats_pdf.py``. A refused file
or a failed download changes neither the archive nor the graph.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import formats_support as fs
import pytest
from fastapi.testclient import TestClient

from policykg import cli
from policykg.api.main import create_app
from policykg.archive import Archive
from policykg.exporters import export_bytes
from policykg.graph.store import GraphStore
from policykg.loaders.decode import decode_bytes
from policykg.settings import Settings, get_settings

KEY = "test-key-0123456789abcdef"
FIXTURE = Path(__file__).parent / "data" / "fixtures" / "luming_draft_plan.txt"
PARTS = fs.plan_parts(decode_bytes(FIXTURE.read_bytes(), source=FIXTURE.name).text)
TITLE = "鹿鸣市加快推进知识产权强市建设实施方案（征求意见稿）"
#: what a portal's 信息公开 box shows for it (the notice's own facts)
PAGE_META = {
    "issuer": "鹿鸣市市场监督管理局",
    "issued_on": "2024-06-11",
    "published_on": "2024-06-12",
}
#: the contact line of the plan's own notice, which the loaders drop as page chrome
OWN_CONTACT = ("韩晓东", "0736-8821456", "lmscjg_zscq@163.com")
MIDDLE = fs.middle(PARTS)

HTML = fs.trs_page(PARTS, PAGE_META)
PDF = fs.official_pdf(PARTS, red_header="鹿鸣市市场监督管理局文件", running_header=TITLE)
DOCX = fs.official_docx(PARTS, table_at=MIDDLE, title=TITLE)
#: each format with the text it must load like (a printed or Word file has no page around it)
FORMATS = {
    "html": (HTML, PARTS.page_text()),
    "pdf": (PDF, PARTS.printed_text()),
    "docx": (DOCX, PARTS.printed_text(table_at=MIDDLE)),
}


@pytest.fixture(scope="module")
def archive_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("archive")


@pytest.fixture(scope="module")
def client(graph_server, scratch_store: GraphStore, archive_dir: Path) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    settings = Settings(
        _env_file=None,  # type: ignore[call-arg]
        POLICYKG_HOME=graph_server.settings.POLICYKG_HOME,
        POLICYKG_ARCHIVE_DIR=archive_dir,
        POLICYKG_API_KEY=KEY,
    )
    with TestClient(create_app(settings, store_factory=lambda: scratch_store)) as c:
        yield c


def upload(client: TestClient, content: bytes, filename: str, jurisdiction: str) -> Any:
    return client.post(
        "/documents",
        files={"file": (filename, content, "application/octet-stream")},
        data={"jurisdiction": jurisdiction, "name": "鹿鸣市", "level": "prefecture_city"},
        headers={"X-API-Key": KEY},
    )


def graph_facts(client: TestClient, store: GraphStore, document_id: str) -> dict[str, Any]:
    """What the graph holds of one plan, its ids below the document's own."""
    doc = client.get(f"/documents/{document_id}").json()

    def rel(ident: str | None) -> str | None:
        return None if ident is None else ident.replace(document_id, "<doc>", 1)

    units: list[tuple[Any, ...]] = []

    def walk(nodes: list[dict[str, Any]]) -> None:
        for u in nodes:
            units.append(
                (
                    rel(u["id"]),
                    rel(u["parent_id"]),
                    u["kind"],
                    u["marker"],
                    u["heading"],
                    u["text"],
                    u["agencies"],
                    [(m["id"], m["adoption"]) for m in u["measures"]],
                    [c["id"] for c in u["clauses"]],
                )
            )
            walk(u["children"])

    walk(doc["units"])
    targets = [
        (rel(t["id"]), t["metric"], t["indicator"], t["value"], t["unit"], t["year"])
        for t in store.read("export_targets")
        if t["document_id"] == document_id
    ]
    return {
        "metadata": {k: doc[k] for k in ("title", "doc_number", "issuers", "issued_on", "status")},
        "published_on": doc["published_on"],
        "units": units,
        "targets": targets,
        "citations": [(c["title"], c["doc_number"]) for c in doc["citations"]],
    }


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_each_format_uploaded_loads_like_its_text(
    client: TestClient, scratch_store: GraphStore, archive_dir: Path, fmt: str
) -> None:
    raw, text = FORMATS[fmt]
    r = upload(client, raw, f"luming.{fmt}", f"luming-{fmt}")
    assert r.status_code == 201, r.text[:500]
    receipt = r.json()
    assert receipt["source_format"] == fmt
    assert receipt["sha256"] == hashlib.sha256(raw).hexdigest()
    assert receipt["id"] == f"luming-{fmt}-{receipt['sha256'][:12]}"
    ref = upload(client, text.encode("utf-8"), "luming.txt", f"luming-{fmt}")
    assert ref.status_code == 201, ref.text[:500]
    ours = graph_facts(client, scratch_store, receipt["id"])
    theirs = graph_facts(client, scratch_store, ref.json()["id"])
    assert ours == theirs
    assert ours["metadata"]["title"] == TITLE and ours["metadata"]["status"] == "draft"
    # the expectation's 14 targets: 7 in （三）主要目标, 7 in the tasks (target_count: 14)
    assert len(ours["targets"]) == 14
    # provenance in the document answer
    doc = client.get(f"/documents/{receipt['id']}").json()
    assert (doc["source_format"], doc["source_url"], doc["sha256"]) == (
        fmt,
        None,
        receipt["sha256"],
    )
    assert doc["encoding"] == ("gb18030" if fmt == "html" else None)
    assert doc["source_file"] == f"luming.{fmt}"
    # kept in the archive, byte for byte
    assert Archive(archive_dir).read_object(receipt["sha256"]) == raw


def test_page_metadata_fills_only_what_the_user_left_empty(
    client: TestClient, scratch_store: GraphStore
) -> None:
    # the page's 发布日期 is not in the extracted article: the 信息公开 box gives it
    r = upload(client, HTML, "luming.html", "luming-page")
    doc = client.get(f"/documents/{r.json()['id']}").json()
    assert doc["published_on"] == "2024-06-12"
    # a field the user gives is never replaced by the page's
    given = client.post(
        "/documents",
        files={"file": ("luming.html", HTML, "text/html")},
        data={
            "jurisdiction": "luming-given",
            "name": "鹿鸣市",
            "level": "prefecture_city",
            "doc_number": "鹿市监〔2024〕9号",
        },
        headers={"X-API-Key": KEY},
    ).json()
    assert client.get(f"/documents/{given['id']}").json()["doc_number"] == "鹿市监〔2024〕9号"


def test_personal_data_in_the_page_never_reaches_the_graph(
    client: TestClient, scratch_store: GraphStore
) -> None:
    assert fs.CONTACT_NAME.encode("gb18030") in HTML  # the footer names a contact person
    r = upload(client, HTML, "luming.html", "luming-privacy")
    assert r.status_code in (200, 201), r.text[:300]
    graph = export_bytes(scratch_store, "json").decode("utf-8")
    for leaked in (*fs.PERSONAL_DATA, *OWN_CONTACT, fs.SHARE_WIDGET, *fs.RELATED):
        assert leaked not in graph, leaked


@pytest.mark.parametrize(
    ("raw", "name", "message"),
    [
        (
            fs.legacy_doc(),
            "plan.doc",
            "plan.doc is a legacy Word .doc or WPS .wps file (OLE2 compound document), "
            "which is not read; save it as .docx or PDF",
        ),
        (
            fs.image_only_pdf(),
            "scan.pdf",
            "scan.pdf is a PDF without a text layer (a scan or pictures of pages): it needs "
            "OCR first, which PolicyKG does not do",
        ),
        (fs.zip_not_docx(), "plan.zip", "plan.zip is a ZIP archive that is not a Word .docx"),
    ],
    ids=["doc", "scan", "zip"],
)
def test_refused_formats_are_422_with_the_extractors_line_and_change_nothing(
    client: TestClient,
    scratch_store: GraphStore,
    archive_dir: Path,
    raw: bytes,
    name: str,
    message: str,
) -> None:
    before, records = scratch_store.counts(), Archive(archive_dir).record_files()
    r = upload(client, raw, name, "refused")
    assert r.status_code == 422, r.text[:300]
    body = r.json()["error"]
    assert body["code"] == "invalid_input" and body["message"].startswith(message)
    assert "\n" not in body["message"]
    assert scratch_store.counts() == before
    assert Archive(archive_dir).record_files() == records


# --- ingest URL: the CLI against a local server ---------------------------------------


class _Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass

    def _send(self, status: int, body: bytes, ctype: str) -> None:
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        # the client may have given up already (the timeout case)
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):
            self.wfile.write(body)

    def do_GET(self) -> None:
        if self.path == "/zwgk/luming.html":
            self._send(200, HTML, "text/html")  # no charset: the bytes tell GB18030
        elif self.path == "/moved":
            self.send_response(301)
            self.send_header("Location", "/files/luming.pdf")
            self.send_header("Content-Length", "0")
            self.end_headers()
        elif self.path == "/files/luming.pdf":
            self._send(200, PDF, "application/pdf")
        elif self.path == "/slow":
            time.sleep(3)
            self._send(200, HTML, "text/html")
        elif self.path == "/huge":
            self._send(200, b"x" * 70_000, "text/plain")
        elif self.path == "/logo.png":
            self._send(200, fs.png_bytes(), "image/png")
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


@pytest.fixture()
def cli_env(
    graph_server,  # type: ignore[no-untyped-def]
    scratch_store: GraphStore,
    archive_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> Iterator[None]:
    """The CLI's settings point at this module's database and archive, with short fetch limits."""
    s = graph_server.settings
    monkeypatch.setenv("POLICYKG_HOME", str(s.POLICYKG_HOME))
    monkeypatch.setenv("NEO4J_DATABASE", scratch_store.database)
    monkeypatch.setenv("POLICYKG_ARCHIVE_DIR", str(archive_dir))
    monkeypatch.setenv("POLICYKG_FETCH_READ_TIMEOUT", "1")
    monkeypatch.setenv("POLICYKG_MAX_UPLOAD_BYTES", "60000")
    if s.NEO4J_URI:
        monkeypatch.setenv("NEO4J_URI", s.NEO4J_URI)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def run_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], *args: str
) -> tuple[int, str, str]:
    """``policykg ARGS`` as the console script runs it: (exit code, stdout, stderr)."""
    monkeypatch.setattr(sys, "argv", ["policykg", *args])
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    out = capsys.readouterr()
    return int(exit_.value.code or 0), out.out, out.err


FIELDS = ["--jurisdiction", "lumingurl", "--name", "鹿鸣市", "--level", "prefecture_city"]


def test_ingest_url_fetches_archives_and_writes(
    cli_env: None,
    base: str,
    scratch_store: GraphStore,
    archive_dir: Path,
    client: TestClient,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = f"{base}/zwgk/luming.html"
    code, out, err = run_cli(monkeypatch, capsys, "ingest", url, *FIELDS, "--json")
    assert code == 0, err
    receipt = json.loads(out)
    assert (receipt["source_format"], receipt["source_url"]) == ("html", url)
    doc = scratch_store.read("get_document", document_id=receipt["id"])[0]
    assert (doc["source_url"], doc["source_file"], doc["encoding"]) == (
        url,
        "luming.html",
        "gb18030",
    )
    record = next(r for r in Archive(archive_dir).records() if r.document_id == receipt["id"])
    assert (record.route, record.entry["url"], record.final_url) == ("url", url, url)
    # the jurisdiction's answer and page name the format and link to the original
    (ref,) = client.get("/jurisdictions/lumingurl").json()["documents"]
    assert (ref["source_format"], ref["source_url"]) == ("html", url)
    page = client.get("/pages/jurisdictions/lumingurl").text
    assert "网页 (HTML)" in page and f'<a href="{url}" rel="noopener noreferrer nofollow">' in page
    # the same URL again: the same bytes, the same fields: a no-op that says so
    code, out, _ = run_cli(monkeypatch, capsys, "ingest", url, *FIELDS)
    assert code == 0 and out.startswith(f"unchanged: {receipt['id']}")


def test_ingest_url_follows_a_redirect_to_a_pdf(
    cli_env: None,
    base: str,
    scratch_store: GraphStore,
    archive_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = f"{base}/moved"
    code, out, err = run_cli(monkeypatch, capsys, "ingest", url, *FIELDS, "--json")
    assert code == 0, err
    receipt = json.loads(out)
    assert receipt["source_format"] == "pdf" and receipt["source_url"] == url
    assert receipt["sha256"] == hashlib.sha256(PDF).hexdigest()
    record = next(r for r in Archive(archive_dir).records() if r.document_id == receipt["id"])
    assert record.final_url == f"{base}/files/luming.pdf"


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/nothing", "/nothing: the server answered 404 Not Found"),
        ("/slow", "/slow: the server sent nothing for 1 s"),
        ("/huge", "/huge: the server announces 70000 bytes, over the 60000-byte limit"),
        ("/logo.png", "/logo.png: the server sent image/png, not a plan"),
    ],
    ids=["404", "timeout", "oversized", "image"],
)
def test_a_failed_download_changes_neither_archive_nor_graph(
    cli_env: None,
    base: str,
    scratch_store: GraphStore,
    archive_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    path: str,
    message: str,
) -> None:
    before = (scratch_store.counts(), export_bytes(scratch_store, "json"))
    files = sorted(p.relative_to(archive_dir) for p in archive_dir.rglob("*") if p.is_file())
    code, _, err = run_cli(monkeypatch, capsys, "ingest", f"{base}{path}", *FIELDS)
    assert code == 1
    assert err.startswith(f"error: {base}{message}")
    assert "Traceback" not in err and err.count("\n") == 1
    assert (scratch_store.counts(), export_bytes(scratch_store, "json")) == before
    assert (
        sorted(p.relative_to(archive_dir) for p in archive_dir.rglob("*") if p.is_file()) == files
    )


def test_build_fetches_the_manifests_urls(
    cli_env: None,
    base: str,
    scratch_store: GraphStore,
    archive_dir: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "luming.txt").write_bytes(PARTS.capture_text().encode("utf-8"))
    jurisdiction = "{id: lumingcorpus, name: 鹿鸣市, level: prefecture_city}"
    (corpus / "manifest.yaml").write_text(
        "documents:\n"
        f"  - file: luming.txt\n    jurisdiction: {jurisdiction}\n"
        f"  - url: {base}/files/luming.pdf\n    jurisdiction: {jurisdiction}\n",
        encoding="utf-8",
    )
    code, out, err = run_cli(monkeypatch, capsys, "build", "--corpus", str(corpus), "--json")
    assert code == 0, err
    built = {s["source_format"]: s for s in json.loads(out)}
    assert set(built) == {"text", "pdf"}
    assert built["pdf"]["source_url"] == f"{base}/files/luming.pdf"
    assert built["pdf"]["sha256"] == hashlib.sha256(PDF).hexdigest()
    routes = {r.document_id: (r.route, r.entry.get("url")) for r in Archive(archive_dir).records()}
    assert routes[built["pdf"]["id"]] == ("corpus", f"{base}/files/luming.pdf")
    assert routes[built["text"]["id"]] == ("corpus", None)
    # a manifest entry naming both a file and a URL is refused before anything is read
    (corpus / "manifest.yaml").write_text(
        f"documents:\n  - file: luming.txt\n    url: {base}/files/luming.pdf\n"
        f"    jurisdiction: {jurisdiction}\n",
        encoding="utf-8",
    )
    code, _, err = run_cli(monkeypatch, capsys, "build", "--corpus", str(corpus))
    assert code == 1 and "give file or url, not both" in err
