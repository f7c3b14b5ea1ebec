"""The source archive on disk: durable writes, one record per ingest, backup and restore.

No graph server here: these are the archive's own guarantees. What an ingest,
a rebuild and a crash do with it is in ``test_archive_ingest.py``.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import stat
import subprocess
import sys
import tarfile
import textwrap
from pathlib import Path

import pytest

from policykg.archive import Archive, ArchiveCorrupt, ArchiveRecord, export_archive, import_archive
from policykg.archive.records import entry_fields, now
from policykg.errors import InvalidInput
from policykg.model import ManifestEntry
from policykg.resources import corpus_dir

HOHHOT = (corpus_dir() / "hohhot.txt").read_bytes()
JURISDICTION = {"id": "hohhot", "name": "呼和浩特市", "level": "prefecture_city"}


def record_of(raw: bytes, **entry: object) -> ArchiveRecord:
    digest = hashlib.sha256(raw).hexdigest()
    manifest = ManifestEntry.model_validate(
        {"file": "plan.txt", "jurisdiction": JURISDICTION, **entry}
    )
    return ArchiveRecord(
        sha256=digest,
        size=len(raw),
        document_id=f"hohhot-{digest[:12]}",
        source_format="text",
        route="file",
        ingested_at=now(),
        entry=entry_fields(manifest),
        policykg_version="test",
    )


def test_a_source_and_its_record_are_kept_by_sha256(tmp_path: Path) -> None:
    archive = Archive(tmp_path / "archive")
    record = record_of(HOHHOT, issued_on="2022-12-25")
    path = archive.add(HOHHOT, record)
    digest = hashlib.sha256(HOHHOT).hexdigest()
    assert archive.object_path(digest) == tmp_path / "archive" / "objects" / digest[:2] / digest
    assert archive.read_object(digest) == HOHHOT
    assert path.parent == archive.records_dir and path.name.endswith(".json")
    (back,) = archive.records()
    assert back == record
    assert back.manifest_entry().issued_on.isoformat() == "2022-12-25"
    assert back.manifest_entry().sha256 == digest  # the entry is pinned to the archived bytes
    # nothing half-written is left beside them
    assert not [p for p in (tmp_path / "archive").rglob(".tmp-*")]
    # private: a saved page may name a contact person in its footer
    root = tmp_path / "archive"
    folders = [root, root / "objects", root / "records", archive.object_path(digest).parent]
    assert {stat.S_IMODE(f.stat().st_mode) for f in folders} == {0o700}
    assert stat.S_IMODE(archive.object_path(digest).stat().st_mode) == 0o600
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_a_url_record_reads_back_into_the_same_entry(tmp_path: Path) -> None:
    url = "https://www.example.gov.cn/zwgk/content_1.html"
    record = record_of(HOHHOT, file=None, url=url)
    assert "file" not in record.entry and record.entry["url"] == url
    entry = record.manifest_entry()
    assert (entry.url, entry.file, entry.source) == (url, "content_1.html", url)


def test_same_ingest_means_same_source_and_same_fields(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    first = record_of(HOHHOT)
    archive.add(HOHHOT, first)
    assert archive.find_same(record_of(HOHHOT)) == first
    assert archive.find_same(record_of(HOHHOT, title="呼和浩特市方案")) is None
    assert archive.find_same(record_of(HOHHOT + b"\n")) is None


def test_a_damaged_object_is_detected_not_served(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    archive.add(HOHHOT, record_of(HOHHOT))
    digest = hashlib.sha256(HOHHOT).hexdigest()
    path = archive.object_path(digest)
    path.write_bytes(HOHHOT[:-10])
    with pytest.raises(ArchiveCorrupt, match="does not have the SHA-256"):
        archive.read_object(digest)
    archive.put_object(HOHHOT)  # the next ingest of the same bytes heals it
    assert archive.read_object(digest) == HOHHOT


def test_a_record_that_does_not_match_its_bytes_is_refused(tmp_path: Path) -> None:
    archive = Archive(tmp_path)
    with pytest.raises(InvalidInput, match="must describe the bytes"):
        archive.add(HOHHOT + b"x", record_of(HOHHOT))
    bad = record_of(HOHHOT).model_dump(mode="json") | {"document_id": "ningbo-000000000000"}
    with pytest.raises(ValueError, match="is not 'hohhot-"):
        ArchiveRecord.model_validate(bad)


WRITER = textwrap.dedent(
    """
    import sys
    from policykg.archive import Archive
    sys.path.insert(0, sys.argv[3])
    from test_archive import record_of
    archive = Archive(__import__("pathlib").Path(sys.argv[1]))
    for n in range(int(sys.argv[2])):
        raw = f"{sys.argv[4]} plan {n}".encode()
        with archive.lock():
            archive.add(raw, record_of(raw))
    """
)


def test_two_processes_writing_at_once_lose_nothing(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(root), "40", str(Path(__file__).parent), name]
        )
        for name in ("a", "b")
    ]
    assert [p.wait(120) for p in procs] == [0, 0]
    archive = Archive(root)
    records = archive.records()
    assert len(records) == 80
    assert len(archive.object_digests()) == 80
    assert {archive.read_object(r.sha256).decode() for r in records} == {
        f"{name} plan {n}" for name in "ab" for n in range(40)
    }


# --- backup and restore ---------------------------------------------------------------


def _filled(root: Path) -> Archive:
    archive = Archive(root)
    for name in ("hohhot.txt", "ningbo.txt"):
        raw = (corpus_dir() / name).read_bytes()
        archive.add(raw, record_of(raw))
    return archive


@pytest.mark.parametrize("suffix", [".tar", ".tar.gz"])
def test_export_then_import_gives_the_same_archive(tmp_path: Path, suffix: str) -> None:
    source = _filled(tmp_path / "a")
    backup = tmp_path / f"backup{suffix}"
    assert export_archive(source, backup) == (2, 2)
    target = Archive(tmp_path / "b")
    report = import_archive(target, backup, max_object_bytes=20 * 1024 * 1024)
    assert (report.objects_added, report.records_added) == (2, 2)
    assert target.records() == source.records()
    assert [p.name for p in target.record_files()] == [p.name for p in source.record_files()]
    assert target.object_digests() == source.object_digests()
    again = import_archive(target, backup, max_object_bytes=20 * 1024 * 1024)
    assert (again.objects_added, again.records_added) == (0, 0)
    assert (again.objects_present, again.records_present) == (2, 2)


def _tar(path: Path, members: list[tuple[tarfile.TarInfo, bytes | None]]) -> Path:
    with tarfile.open(path, "w") as tar:
        for info, data in members:
            tar.addfile(info, io.BytesIO(data) if data is not None else None)
    return path


def _file(name: str, data: bytes) -> tuple[tarfile.TarInfo, bytes]:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    return info, data


def _good_members() -> list[tuple[tarfile.TarInfo, bytes | None]]:
    digest = hashlib.sha256(HOHHOT).hexdigest()
    record = record_of(HOHHOT).model_dump_json().encode()
    return [
        _file(f"policykg-archive/objects/{digest[:2]}/{digest}", HOHHOT),
        _file(
            f"policykg-archive/records/20260101T000000000000Z-{digest[:12]}-0a1b2c3d.json", record
        ),
    ]


def _link(name: str, target: str, kind: bytes) -> tuple[tarfile.TarInfo, None]:
    info = tarfile.TarInfo(name)
    info.type, info.linkname = kind, target
    return info, None


@pytest.mark.parametrize(
    ("member", "why"),
    [
        (_file("../evil.txt", b"x"), "climbs out"),
        (_file("/etc/evil", b"x"), "absolute path"),
        (_file("policykg-archive/records/../../evil.json", b"{}"), "climbs out"),
        (
            _link("policykg-archive/objects/ab/link", "/etc/passwd", tarfile.SYMTYPE),
            "not a regular file",
        ),
        (
            _link("policykg-archive/records/hard.json", "/etc/passwd", tarfile.LNKTYPE),
            "not a regular file",
        ),
        (
            _file("policykg-archive/objects/00/" + "0" * 64, b"not these bytes"),
            "do not have this SHA-256",
        ),
        (_file("policykg-archive/run.sh", b"rm -rf /"), "not an archive source or record"),
        (
            _file(
                "policykg-archive/records/20260101T000000000000Z-aaaaaaaaaaaa-0a1b2c3d.json", b"{"
            ),
            "is not JSON",
        ),
    ],
    ids=[
        "dotdot",
        "absolute",
        "nested-dotdot",
        "symlink",
        "hardlink",
        "bad-hash",
        "stray",
        "bad-record",
    ],
)
def test_an_unsafe_or_damaged_tar_is_refused_whole(
    tmp_path: Path, member: tuple[tarfile.TarInfo, bytes | None], why: str
) -> None:
    bad = _tar(tmp_path / "bad.tar", [*_good_members(), member])
    target = Archive(tmp_path / "archive")
    with pytest.raises(InvalidInput) as e:
        import_archive(target, bad, max_object_bytes=20 * 1024 * 1024)
    assert why in e.value.message and "nothing was imported" in e.value.message
    assert target.records() == [] and target.object_digests() == set()
    assert not (tmp_path / "evil.txt").exists()


def test_a_record_without_its_source_is_refused(tmp_path: Path) -> None:
    _, record = _good_members()
    bad = _tar(tmp_path / "orphan.tar", [record])
    with pytest.raises(InvalidInput, match=r"names a source .* the file lacks"):
        import_archive(Archive(tmp_path / "archive"), bad, max_object_bytes=1024 * 1024)


def test_an_object_over_the_size_limit_is_refused(tmp_path: Path) -> None:
    good = _tar(tmp_path / "good.tar", _good_members())
    with pytest.raises(InvalidInput, match=f"over the {len(HOHHOT) - 1}-byte limit"):
        import_archive(Archive(tmp_path / "archive"), good, max_object_bytes=len(HOHHOT) - 1)
    not_tar = tmp_path / "plan.tar"
    not_tar.write_bytes(HOHHOT)
    with pytest.raises(InvalidInput, match="is not a tar file"):
        import_archive(Archive(tmp_path / "archive"), not_tar, max_object_bytes=1024 * 1024)


def test_exported_members_are_plain_files_readable_by_tar(tmp_path: Path) -> None:
    backup = tmp_path / "b.tar"
    export_archive(_filled(tmp_path / "a"), backup)
    with tarfile.open(backup) as tar:
        members = tar.getmembers()
    assert all(m.isreg() and m.mode == 0o600 for m in members)
    assert sorted(m.name.split("/")[1] for m in members) == ["objects"] * 2 + ["records"] * 2
    records = [m for m in members if "/records/" in m.name]
    with tarfile.open(backup) as tar:
        data = json.loads(tar.extractfile(records[0]).read())  # type: ignore[union-attr]
    assert data["format"] == "policykg-archive-record/1"
    assert os.stat(backup).st_size > len(HOHHOT)
