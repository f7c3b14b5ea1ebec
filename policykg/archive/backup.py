"""Back up and restore the source archive as one tar file.

``policykg archive export FILE.tar`` writes every source and record under one
top folder::

    policykg-archive/objects/<sha256[:2]>/<sha256>
    policykg-archive/records/<record name>.json

``policykg archive import FILE.tar`` reads such a file into this machine's
archive. The tar comes from elsewhere, so nothing in it is trusted: it is read
twice, and the first pass refuses the whole file, before anything is written,
when a member is not a regular file or folder of that layout (no links,
devices, absolute paths or ``..``), is larger than a plan may be, an object's
bytes do not have the SHA-256 it is named by, or a record is not a valid
record or names a source the file does not carry (and the archive does not
have). Members are never extracted to the paths they name: the second pass
writes them through the archive's own atomic writes. Importing twice adds
nothing the second time.
"""

from __future__ import annotations

import hashlib
import io
import re
import tarfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from policykg.archive.records import ArchiveRecord
from policykg.archive.store import Archive, atomic_file, parse_record
from policykg.errors import InvalidInput

TOP = "policykg-archive"
_OBJECT = re.compile(rf"^{TOP}/objects/([0-9a-f]{{2}})/([0-9a-f]{{64}})$")
_RECORD = re.compile(
    rf"^{TOP}/records/([0-9]{{8}}T[0-9]{{12}}Z-[0-9a-f]{{12}}-[0-9a-f]{{8}}\.json)$"
)
_FOLDERS = {TOP, f"{TOP}/objects", f"{TOP}/records"}
_OBJECT_FOLDER = re.compile(rf"^{TOP}/objects/[0-9a-f]{{2}}$")
MAX_RECORD_BYTES = 1024 * 1024
_CHUNK = 1024 * 1024


@dataclass
class ImportReport:
    """What an import added (and what it already had)."""

    objects_added: int = 0
    objects_present: int = 0
    records_added: int = 0
    records_present: int = 0
    document_ids: list[str] = field(default_factory=list)


def _tar_info(name: str, size: int, mtime: float) -> tarfile.TarInfo:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, int(mtime), 0o600
    info.uname = info.gname = ""
    return info


def export_archive(archive: Archive, path: Path) -> tuple[int, int]:
    """Write the archive to ``path`` (``.tar``, or gzip-compressed for ``.tar.gz``/``.tgz``).

    Objects are checked against their digests as they are written, so a
    backup never carries a damaged source. The file appears whole or not at
    all (written beside ``path`` and renamed into place).

    Returns:
        The number of sources and of records written.

    Raises:
        ArchiveCorrupt: an archived object no longer matches its digest.
    """
    records = archive.record_files()
    digests = sorted(archive.object_digests())
    mode = "w:gz" if path.name.endswith((".tar.gz", ".tgz")) else "w"
    with (
        atomic_file(path) as out,
        tarfile.open(fileobj=out, mode=mode, format=tarfile.PAX_FORMAT) as tar,  # type: ignore[call-overload]
    ):
        for digest in digests:
            raw = archive.read_object(digest)
            name = f"{TOP}/objects/{digest[:2]}/{digest}"
            mtime = archive.object_path(digest).stat().st_mtime
            tar.addfile(_tar_info(name, len(raw), mtime), io.BytesIO(raw))
        for record in records:
            data = record.read_bytes()
            parse_record(data, str(record))  # never back up a record that would not import
            info = _tar_info(f"{TOP}/records/{record.name}", len(data), record.stat().st_mtime)
            tar.addfile(info, io.BytesIO(data))
    return len(digests), len(records)


def _check_member(member: tarfile.TarInfo, max_object_bytes: int) -> str | None:
    """What is wrong with a member, or None when it may be read."""
    name = member.name.rstrip("/")
    pure = PurePosixPath(name)
    if pure.is_absolute() or ".." in pure.parts or "\\" in name:
        return f"{member.name!r}: an absolute path or one that climbs out"
    if member.isdir():
        if name in _FOLDERS or _OBJECT_FOLDER.match(name):
            return None
        return f"{member.name!r}: a folder the archive does not have"
    if not member.isreg():
        return f"{member.name!r}: not a regular file (a link, device or fifo)"
    if _OBJECT.match(name):
        if member.size > max_object_bytes:
            return f"{member.name!r}: {member.size} bytes, over the {max_object_bytes}-byte limit"
        return None
    if _RECORD.match(name):
        if member.size > MAX_RECORD_BYTES:
            return f"{member.name!r}: a record of {member.size} bytes"
        return None
    return f"{member.name!r}: not an archive source or record"


def _read(tar: tarfile.TarFile, member: tarfile.TarInfo) -> bytes:
    f = tar.extractfile(member)
    if f is None:
        raise InvalidInput(f"cannot read {member.name!r} from the tar file")
    with f:
        return f.read()


def _digest(tar: tarfile.TarFile, member: tarfile.TarInfo) -> str:
    h = hashlib.sha256()
    f = tar.extractfile(member)
    if f is None:
        raise InvalidInput(f"cannot read {member.name!r} from the tar file")
    with f:
        while chunk := f.read(_CHUNK):
            h.update(chunk)
    return h.hexdigest()


def _open(path: Path) -> tarfile.TarFile:
    try:
        return tarfile.open(path, "r:*")
    except FileNotFoundError as e:
        raise InvalidInput(f"no such file: {path}") from e
    except (tarfile.TarError, OSError) as e:
        raise InvalidInput(f"{path} is not a tar file: {e}") from e


def _verify(path: Path, archive: Archive, max_object_bytes: int) -> list[tuple[str, ArchiveRecord]]:
    """The first pass: every member checked; the records, by file name."""
    problems: list[str] = []
    carried: set[str] = set()
    records: list[tuple[str, ArchiveRecord]] = []
    with _open(path) as tar:
        try:
            for member in tar:
                problem = _check_member(member, max_object_bytes)
                if problem is not None:
                    problems.append(problem)
                    continue
                name = member.name.rstrip("/")
                if (m := _OBJECT.match(name)) is not None:
                    digest = m.group(2)
                    if m.group(1) != digest[:2]:
                        problems.append(f"{member.name!r}: filed under the wrong folder")
                    elif _digest(tar, member) != digest:
                        problems.append(f"{member.name!r}: its bytes do not have this SHA-256")
                    else:
                        carried.add(digest)
                elif (m := _RECORD.match(name)) is not None:
                    try:
                        records.append((m.group(1), parse_record(_read(tar, member), name)))
                    except InvalidInput as e:
                        problems.append(e.message)
        except (tarfile.TarError, OSError, EOFError) as e:
            problems.append(f"the tar file is damaged: {e}")
    for name, record in records:
        if record.sha256 not in carried and not archive.has_object(record.sha256):
            problems.append(f"record {name} names a source ({record.sha256}) the file lacks")
    if problems:
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        raise InvalidInput(
            f"refusing to import {path}: {problems[0]}{more}; nothing was imported",
            detail={"problems": problems},
        )
    return records


def import_archive(archive: Archive, path: Path, max_object_bytes: int) -> ImportReport:
    """Read a tar written by :func:`export_archive` into ``archive``.

    Args:
        archive: the archive to add to.
        path: the tar file (plain or compressed).
        max_object_bytes: the largest source accepted (the upload limit).

    Returns:
        What was added and what was there already.

    Raises:
        InvalidInput: the file is not a tar, or any member fails a check (see
            the module docstring); nothing is written then.
    """
    records = _verify(path, archive, max_object_bytes)
    report = ImportReport()
    with archive.lock(), _open(path) as tar:
        for member in tar:
            m = _OBJECT.match(member.name.rstrip("/"))
            if m is None or not member.isreg():
                continue
            if archive.has_object(m.group(2)):
                report.objects_present += 1
                continue
            raw = _read(tar, member)
            if hashlib.sha256(raw).hexdigest() != m.group(2):  # changed since the first pass
                raise InvalidInput(f"{path} changed while it was imported; import it again")
            archive.put_object(raw)
            report.objects_added += 1
        for name, record in records:
            if archive.write_record(name, record):
                report.records_added += 1
            else:
                report.records_present += 1
        report.document_ids = sorted({r.document_id for _, r in records})
    return report
