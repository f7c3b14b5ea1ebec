"""Fetch a plan from a URL, within limits, failing in one clear line.

Researchers often hold a plan as a link to a government page or to its PDF or
Word attachment. :func:`fetch` gets the bytes with httpx and nothing else:
what the bytes are is decided afterwards from the bytes
(:func:`policykg.loaders.formats.extract`), with the response's charset passed
along for web pages.

Limits, each refused with its own message (:class:`FetchFailed`, or
:class:`~policykg.errors.PayloadTooLarge` for size):

* only ``http`` and ``https``, for the URL and for every redirect target;
* connect and read timeouts, and a total deadline for the whole download (a
  server dripping one byte at a time stays under the read timeout);
* at most ``max_redirects`` redirects, followed by hand so each target is checked;
* the size: refused by ``Content-Length`` before reading, then by counting the
  (decompressed) bytes while they stream, so no body over the limit is held;
* the content type: web pages, text, PDF, DOCX and the generic download types
  (``application/octet-stream``, ``application/x-download``...) are accepted,
  anything else (an image, a legacy ``.doc``, JSON...) is refused;
* a 4xx or 5xx answer is an error naming the status. No retries: a plan that
  cannot be fetched now is reported, not hidden behind attempts.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from policykg import __version__
from policykg.errors import InvalidInput, PayloadTooLarge

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
#: Media types a plan arrives as; the bytes decide the format after the download.
ACCEPTED_TYPES = frozenset(
    {
        "text/html",
        "application/xhtml+xml",
        "text/plain",
        "application/pdf",
        DOCX_TYPE,
        # what servers say when they do not know, or want the browser to save the file
        "application/octet-stream",
        "application/x-download",
        "application/force-download",
        "application/download",
        "binary/octet-stream",
    }
)
_LEGACY_WORD = frozenset(
    {
        "application/msword",
        "application/vnd.ms-word",
        "application/kswps",
        "application/wps-office.wps",
    }
)


class FetchFailed(InvalidInput):
    """A URL that could not be fetched as a plan (status, timeout, type, redirects...)."""

    code = "fetch_failed"


@dataclass(frozen=True)
class FetchLimits:
    """How far a download may go.

    Attributes:
        max_bytes: the largest body accepted (the upload limit, by default).
        connect_timeout: seconds to establish a connection.
        read_timeout: seconds to wait for each piece of the answer.
        total_timeout: seconds for the whole download, redirects included.
        max_redirects: redirects followed before giving up.
    """

    max_bytes: int = 20 * 1024 * 1024
    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    total_timeout: float = 120.0
    max_redirects: int = 5

    @classmethod
    def from_settings(cls, settings: object) -> FetchLimits:
        """Limits from ``POLICYKG_MAX_UPLOAD_BYTES``, ``POLICYKG_FETCH_TIMEOUT`` and
        ``POLICYKG_FETCH_READ_TIMEOUT`` (the defaults where a setting is absent)."""
        read = float(getattr(settings, "POLICYKG_FETCH_READ_TIMEOUT", cls.read_timeout))
        return cls(
            max_bytes=int(getattr(settings, "POLICYKG_MAX_UPLOAD_BYTES", cls.max_bytes)),
            connect_timeout=min(cls.connect_timeout, read),
            read_timeout=read,
            total_timeout=float(getattr(settings, "POLICYKG_FETCH_TIMEOUT", cls.total_timeout)),
        )


@dataclass(frozen=True)
class Fetched:
    """A downloaded plan file.

    Attributes:
        content: the body, decompressed.
        url: the URL asked for.
        final_url: where the body came from, after redirects.
        status: the final HTTP status.
        content_type: the media type, lower case, without parameters (None when absent).
        charset: the ``charset`` parameter of the Content-Type, when given.
        redirects: every redirect target, in order.
    """

    content: bytes
    url: str
    final_url: str
    status: int
    content_type: str | None
    charset: str | None
    redirects: list[str] = field(default_factory=list)


def _check_scheme(url: str, original: str) -> None:
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https"):
        what = f"redirects to {url}, but " if url != original else ""
        scheme = repr(parts.scheme) if parts.scheme else "a bare path"
        raise FetchFailed(f"{original}: {what}only http and https URLs are fetched, not {scheme}")
    if not parts.hostname:
        raise FetchFailed(f"{original}: the URL has no host")


def _media_type(header: str | None) -> tuple[str | None, str | None]:
    if not header:
        return None, None
    media, *params = (p.strip() for p in header.split(";"))
    charset = None
    for p in params:
        key, _, value = p.partition("=")
        if key.strip().lower() == "charset" and value.strip():
            charset = value.strip().strip("\"'")
    return media.lower() or None, charset


def _check_type(url: str, media: str | None) -> None:
    if media is None or media in ACCEPTED_TYPES:
        return
    if media in _LEGACY_WORD:
        raise FetchFailed(
            f"{url}: the server sent a legacy Word .doc/.wps file ({media}), which is not "
            "read; save it as .docx or PDF"
        )
    raise FetchFailed(f"{url}: the server sent {media}, not a plan (a web page, text, PDF or DOCX)")


def _read_body(response: httpx.Response, url: str, limits: FetchLimits, deadline: float) -> bytes:
    declared = response.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limits.max_bytes:
        raise PayloadTooLarge(
            f"{url}: the server announces {int(declared)} bytes, over the "
            f"{limits.max_bytes}-byte limit",
            detail={"size": int(declared), "max_bytes": limits.max_bytes},
        )
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limits.max_bytes:
            raise PayloadTooLarge(
                f"{url}: the body is over the {limits.max_bytes}-byte limit",
                detail={"max_bytes": limits.max_bytes},
            )
        if time.monotonic() > deadline:
            raise FetchFailed(f"{url}: the download took longer than {limits.total_timeout:g} s")
        chunks.append(chunk)
    return b"".join(chunks)


def fetch(
    url: str, limits: FetchLimits | None = None, *, transport: httpx.BaseTransport | None = None
) -> Fetched:
    """Download one plan file.

    Args:
        url: an ``http``/``https`` URL.
        limits: size, timeouts and redirects (default :class:`FetchLimits`).
        transport: an httpx transport to use instead of the network (proxies, tests).

    Returns:
        The body and what the server said about it.

    Raises:
        FetchFailed: a bad scheme, a 4xx/5xx answer, a timeout, too many
            redirects, a content type that is not a plan, a failed connection.
        PayloadTooLarge: a body over ``limits.max_bytes``.
    """
    limits = limits or FetchLimits()
    _check_scheme(url, url)
    timeout = httpx.Timeout(
        connect=limits.connect_timeout,
        read=limits.read_timeout,
        write=limits.read_timeout,
        pool=limits.connect_timeout,
    )
    deadline = time.monotonic() + limits.total_timeout
    redirects: list[str] = []
    current = url
    headers = {"User-Agent": f"PolicyKG/{__version__} (plan fetcher)", "Accept": "*/*"}
    try:
        with httpx.Client(timeout=timeout, follow_redirects=False, transport=transport) as client:
            while True:
                with client.stream("GET", current, headers=headers) as response:
                    if response.is_redirect:
                        target = str(response.url.join(response.headers["location"]))
                        if len(redirects) >= limits.max_redirects:
                            raise FetchFailed(
                                f"{url}: more than {limits.max_redirects} redirects "
                                f"(last to {target})"
                            )
                        _check_scheme(target, url)
                        redirects.append(target)
                        current = target
                        continue
                    if response.status_code >= 400:
                        raise FetchFailed(
                            f"{url}: the server answered {response.status_code} "
                            f"{response.reason_phrase}".rstrip()
                            + (f" (at {current})" if redirects else ""),
                            detail={"status": response.status_code, "final_url": current},
                        )
                    if not 200 <= response.status_code < 300:
                        raise FetchFailed(
                            f"{url}: unexpected answer {response.status_code} "
                            f"{response.reason_phrase}".rstrip()
                        )
                    media, charset = _media_type(response.headers.get("content-type"))
                    _check_type(url, media)
                    body = _read_body(response, url, limits, deadline)
                    return Fetched(
                        body, url, current, response.status_code, media, charset, redirects
                    )
    except httpx.ConnectTimeout as e:
        raise FetchFailed(f"{url}: could not connect within {limits.connect_timeout:g} s") from e
    except httpx.ReadTimeout as e:
        raise FetchFailed(f"{url}: the server sent nothing for {limits.read_timeout:g} s") from e
    except httpx.TimeoutException as e:
        raise FetchFailed(f"{url}: timed out ({type(e).__name__})") from e
    except httpx.ConnectError as e:
        raise FetchFailed(f"{url}: cannot connect: {e or type(e).__name__}") from e
    except (httpx.InvalidURL, httpx.UnsupportedProtocol) as e:
        raise FetchFailed(f"{url}: not a usable URL: {e}") from e
    except httpx.HTTPError as e:
        raise FetchFailed(f"{url}: the download failed: {e or type(e).__name__}") from e
