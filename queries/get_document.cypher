// get_document: one plan's metadata, its jurisdiction and the documents it cites
// mode: read
// params: $document_id
// returns: id, title, title_original, doc_number, issued_on, published_on, status, issuers, source_file, source_format, source_url, sha256, encoding, replaces, superseded_by, warnings, loaded_at, jurisdiction, citations
MATCH (j:Jurisdiction)-[:ISSUED]->(d:Document {id: $document_id})
OPTIONAL MATCH (d)-[r:CITES]->(c:Citation)
WITH j, d, r, c ORDER BY c.title, c.doc_number
RETURN d.id AS id, d.title AS title, d.title_original AS title_original,
       d.doc_number AS doc_number, d.issued_on AS issued_on, d.published_on AS published_on,
       d.status AS status, d.issuers AS issuers, d.source_file AS source_file,
       d.source_format AS source_format, d.source_url AS source_url,
       d.sha256 AS sha256, d.encoding AS encoding, d.replaces AS replaces,
       d.superseded_by AS superseded_by, d.warnings AS warnings,
       d.loaded_at AS loaded_at,
       {id: j.id, name: j.name, level: j.level, province: j.province} AS jurisdiction,
       collect(CASE WHEN c IS NULL THEN NULL ELSE
         {id: c.id, title: c.title, doc_number: c.doc_number, context: r.context} END) AS citations
