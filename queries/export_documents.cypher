// export_documents: every plan with its jurisdiction, metadata, provenance and version (plans written before formats were read are text)
// mode: read
// params: -
// returns: id, title, title_original, issuers, doc_number, issued_on, published_on, status, source_file, source_format, source_url, sha256, encoding, replaces, superseded_by, warnings, jurisdiction
MATCH (j:Jurisdiction)-[:ISSUED]->(d:Document)
RETURN d.id AS id, d.title AS title, d.title_original AS title_original, d.issuers AS issuers,
       d.doc_number AS doc_number, d.issued_on AS issued_on, d.published_on AS published_on,
       d.status AS status, d.source_file AS source_file, d.sha256 AS sha256,
       coalesce(d.source_format, 'text') AS source_format, d.source_url AS source_url,
       d.encoding AS encoding,
       d.replaces AS replaces, d.superseded_by AS superseded_by, d.warnings AS warnings,
       {id: j.id, name: j.name, level: j.level, province: j.province} AS jurisdiction
ORDER BY id
