"""The source archive on disk: every plan ever ingested, the system of record.

The graph is derived data; the archive keeps what it is derived from::

    <archive>/objects/<sha256[:2]>/<sha256>     the source bytes, as given
    <archive>/records/<when>-<sha[:12]>-<random>.json   one record per ingest
    <archive>/lock                              serialises ingests (flock)

Every file is written under a temporary name in its final folder, flushed and
fsynced, renamed into place, and the folder fsynced: a crash leaves either
the whole file or none of it (a stray ``.tmp-*`` file is never read). An
object is named by its content, so writing it twice is harmless; records are
never edited, one file per ingest, so two ingests at once cannot overwrite
each other's. :meth:`Archive.lock` serialises the
ingests of one archive (archive write + graph transaction), between threads
and processes alike.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import json
import os
import re
import secrets
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO

from pydantic import ValidationError

from policykg.archive.records import ArchiveRecord
from policykg.errors import ConfigError, InvalidInput

_SHA256 = re.compile(r"^[0-9a-f]{64}$")
_RECORD_NAME = re.compile(r"^[0-9]{8}T[0-9]{12}Z-[0-9a-f]{12}-[0-9a-f]{8}\.json$")
#: Seconds an ingest waits for another one on the same archive before giving up.
LOCK_TIMEOUT = 600.0


class ArchiveCorrupt(InvalidInput):
    """An archived object whose bytes no longer have the SHA-256 they are filed under."""

    code = "archive_corrupt"
    status = 500


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_file(path: Path) -> Iterator[BinaryIO]:
    """A file to write that appears at ``path`` whole, durably, when the block ends.

    It is written under a temporary name in the same folder, flushed and
    fsynced, renamed into place and the folder fsynced; an exception leaves
    ``path`` as it was.
    """
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(path.parent)


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` whole or not at all, durably (fsync file and folder)."""
    with atomic_file(path) as f:
        f.write(data)


def record_name(record: ArchiveRecord) -> str:
    """``<UTC time to the microsecond>-<sha256[:12]>-<8 random hex>.json``: sortable, unique."""
    stamp = record.ingested_at.strftime("%Y%m%dT%H%M%S%f") + "Z"
    return f"{stamp}-{record.sha256[:12]}-{secrets.token_hex(4)}.json"


class Archive:
    """The source archive under one folder (created on first write).

    Args:
        root: the archive folder (``POLICYKG_ARCHIVE_DIR``, default
            ``$POLICYKG_HOME/archive``).
    """

    def __init__(self, root: Path) -> None:
        self.root = root

    @property
    def objects_dir(self) -> Path:
        return self.root / "objects"

    @property
    def records_dir(self) -> Path:
        return self.root / "records"

    def _folders(self) -> None:
        """The archive's folders, private to their owner (sources may carry personal data)."""
        self.root.mkdir(parents=True, exist_ok=True, mode=0o700)
        for folder in (self.objects_dir, self.records_dir):
            folder.mkdir(exist_ok=True, mode=0o700)

    def object_path(self, sha256: str) -> Path:
        if not _SHA256.match(sha256):
            raise InvalidInput(f"not a SHA-256: {sha256!r}")
        return self.objects_dir / sha256[:2] / sha256

    # --- objects --------------------------------------------------------------------------
    def has_object(self, sha256: str) -> bool:
        return self.object_path(sha256).is_file()

    def put_object(self, raw: bytes) -> str:
        """Store source bytes under their SHA-256 (kept as they are when already there)."""
        digest = sha256_hex(raw)
        path = self.object_path(digest)
        if path.is_file() and sha256_hex(path.read_bytes()) == digest:
            return digest
        self._folders()
        atomic_write(path, raw)
        return digest

    def read_object(self, sha256: str) -> bytes:
        """The archived bytes of a source, checked against their name.

        Raises:
            InvalidInput: no object with this digest.
            ArchiveCorrupt: the file's bytes have another digest.
        """
        path = self.object_path(sha256)
        try:
            raw = path.read_bytes()
        except FileNotFoundError as e:
            raise InvalidInput(f"the archive has no source {sha256} ({path})") from e
        if sha256_hex(raw) != sha256:
            raise ArchiveCorrupt(
                f"archived source {path} does not have the SHA-256 it is filed under"
            )
        return raw

    def object_digests(self) -> set[str]:
        """The digests of every archived source (by file name; not re-hashed)."""
        if not self.objects_dir.is_dir():
            return set()
        return {p.name for p in self.objects_dir.glob("??/*") if _SHA256.match(p.name)}

    # --- records --------------------------------------------------------------------------
    def add(self, raw: bytes, record: ArchiveRecord) -> Path:
        """Archive one ingest: the source bytes first, then its record; both durable.

        Returns:
            The record's path.
        """
        if sha256_hex(raw) != record.sha256 or len(raw) != record.size:
            raise InvalidInput("an archive record must describe the bytes archived with it")
        self.put_object(raw)
        path = self.records_dir / record_name(record)
        atomic_write(path, record.model_dump_json(indent=2).encode("utf-8") + b"\n")
        return path

    def write_record(self, name: str, record: ArchiveRecord) -> bool:
        """Store a record under a given file name (an import); False when it is there already."""
        if not _RECORD_NAME.match(name):
            raise InvalidInput(f"not an archive record name: {name!r}")
        path = self.records_dir / name
        if path.is_file():
            return False
        self._folders()
        atomic_write(path, record.model_dump_json(indent=2).encode("utf-8") + b"\n")
        return True

    def record_files(self) -> list[Path]:
        """Every record file, oldest first (names start with their UTC time)."""
        if not self.records_dir.is_dir():
            return []
        return sorted(p for p in self.records_dir.iterdir() if _RECORD_NAME.match(p.name))

    def records(self) -> list[ArchiveRecord]:
        """Every record, oldest first.

        Raises:
            InvalidInput: a record file that is not a valid record (named).
        """
        return [read_record(p) for p in self.record_files()]

    def find_same(self, record: ArchiveRecord) -> ArchiveRecord | None:
        """An earlier record of the same source with the same manifest fields, if any."""
        for earlier in reversed(self.records()):
            if earlier.same_ingest(record):
                return earlier
        return None

    # --- the lock -------------------------------------------------------------------------
    @contextlib.contextmanager
    def lock(self, timeout: float = LOCK_TIMEOUT) -> Iterator[None]:
        """Hold the archive's ingest lock (other threads and processes wait).

        Raises:
            ConfigError: the archive folder cannot be created or locked.
            InvalidInput: another ingest held the lock for ``timeout`` seconds.
        """
        try:
            self._folders()
            f = os.fdopen(os.open(self.root / "lock", os.O_RDWR | os.O_CREAT, 0o600), "r+b")
        except OSError as e:
            raise ConfigError(f"cannot use the archive folder {self.root}: {e}") from e
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except OSError as e:
                    if e.errno not in (errno.EAGAIN, errno.EACCES):
                        raise ConfigError(f"cannot lock the archive {self.root}: {e}") from e
                    if time.monotonic() > deadline:
                        raise InvalidInput(
                            f"another ingest or rebuild held the archive {self.root} "
                            f"for {timeout:g} s; try again when it is done"
                        ) from e
                    time.sleep(0.05)
            try:
                yield
            finally:
                fcntl.flock(f, fcntl.LOCK_UN)
        finally:
            f.close()


def read_record(path: Path) -> ArchiveRecord:
    """One record file, validated.

    Raises:
        InvalidInput: not JSON, or not a valid record (the message names the file).
    """
    try:
        return parse_record(path.read_bytes(), str(path))
    except OSError as e:
        raise InvalidInput(f"cannot read archive record {path}: {e}") from e


def parse_record(data: bytes, where: str) -> ArchiveRecord:
    """A record from its JSON bytes; ``where`` names it in errors."""
    try:
        return ArchiveRecord.model_validate(json.loads(data.decode("utf-8")))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        raise InvalidInput(f"archive record {where} is not JSON: {e}") from e
    except ValidationError as e:
        first = e.errors()[0]
        loc = ".".join(str(p) for p in first["loc"]) or "(top level)"
        raise InvalidInput(f"archive record {where} is not valid: {loc}: {first['msg']}") from e
