"""GET /documents: plans with metadata and unit tree; POST /documents: ingest a plan."""

from __future__ import annotations

from functools import cache
from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Query, Response, UploadFile
from starlette.concurrency import run_in_threadpool

from policykg import services
from policykg.api.deps import ApiKeyDep, SettingsDep, StoreDep
from policykg.api.routes._params import DEFAULT_LIMIT, Limit, Offset
from policykg.api.schemas import (
    ERROR_RESPONSES,
    DocumentIngestPublic,
    DocumentsPublic,
    ErrorPublic,
)
from policykg.errors import PayloadTooLarge
from policykg.ingest import manifest_entry
from policykg.model import Level
from policykg.services.models import DocumentPublic

router = APIRouter(prefix="/documents", tags=["documents"])

_CHUNK = 64 * 1024


@router.get("", response_model=DocumentsPublic, responses=ERROR_RESPONSES)
def list_documents(
    store: StoreDep,
    jurisdiction: Annotated[str | None, Query(description="only this jurisdiction's plans")] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> dict[str, object]:
    """List plans with their jurisdiction, dates, status and unit and target counts."""
    return services.page(services.documents(store, jurisdiction), limit, offset)


@router.get("/{document_id}", response_model=DocumentPublic, responses=ERROR_RESPONSES)
def get_document(document_id: str, store: StoreDep) -> DocumentPublic:
    """One plan: metadata, citations and its unit tree with measures and clause links."""
    return services.document(store, document_id)


@cache
def _pipeline(max_bytes: int) -> Any:
    # Building the tagger and linker takes a while; one pipeline per size limit
    # serves every upload of the process.
    from policykg.pipeline import Pipeline

    return Pipeline(max_bytes=max_bytes)


async def _read_limited(file: UploadFile, limit: int) -> bytes:
    """The upload's bytes, refusing (413) as soon as more than ``limit`` arrive."""
    chunks, size = [], 0
    while chunk := await file.read(_CHUNK):
        size += len(chunk)
        if size > limit:
            raise PayloadTooLarge(f"upload {file.filename!r} is over {limit} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


@router.post(
    "",
    status_code=201,
    response_model=DocumentIngestPublic,
    responses={
        **ERROR_RESPONSES,
        200: {"model": DocumentIngestPublic, "description": "the same plan was there already"},
        401: {"model": ErrorPublic, "description": "missing or wrong X-API-Key"},
        413: {"model": ErrorPublic, "description": "upload over the size limit"},
    },
)
async def create_document(
    _key: ApiKeyDep,
    settings: SettingsDep,
    store: StoreDep,
    response: Response,
    file: Annotated[
        UploadFile, File(description="plan: text (UTF-8, GBK/GB18030 or Big5), HTML, PDF or DOCX")
    ],
    jurisdiction: Annotated[str, Form(description="ascii id, e.g. shenzhen")],
    name: Annotated[str, Form(description="Chinese name, e.g. 深圳市")],
    level: Annotated[Level, Form(description="administrative level")],
    province: Annotated[str | None, Form(description="province it belongs to")] = None,
    title: Annotated[str | None, Form(description="title, if the text lacks one")] = None,
    doc_number: Annotated[str | None, Form(description="文号, if the text lacks one")] = None,
    issued_on: Annotated[str | None, Form(description="YYYY-MM-DD, if the text lacks it")] = None,
    replaces: Annotated[
        str | None, Form(description="id of an earlier document of the jurisdiction it supersedes")
    ] = None,
) -> dict[str, object]:
    """Archive and ingest a plan (API key required); parsed before any write, one transaction."""
    from policykg.archive import Archive
    from policykg.build import ingest_source
    from policykg.sources import Source

    limit = settings.POLICYKG_MAX_UPLOAD_BYTES
    raw = await _read_limited(file, limit)
    entry = manifest_entry(
        file=file.filename or f"{jurisdiction}.txt",
        jurisdiction=jurisdiction,
        name=name,
        level=level,
        province=province,
        title=title,
        doc_number=doc_number,
        issued_on=issued_on,
        replaces=replaces,
    )
    source = Source(raw, entry, "upload")
    archive = Archive(settings.archive_dir)
    summary = await run_in_threadpool(ingest_source, store, _pipeline(limit), source, archive)
    if summary.outcome == "unchanged":
        response.status_code = 200
    return dict(summary.__dict__)
