// export_documents: every plan with its jurisdiction and metadata
// mode: read
// params: -
// returns: id, title, title_original, issuers, doc_number, issued_on, published_on, status, source_file, sha256, encoding, warnings, jurisdiction
MATCH (j:Jurisdiction)-[:ISSUED]->(d:Document)
RETURN d.id AS id, d.title AS title, d.title_original AS title_original, d.issuers AS issuers,
       d.doc_number AS doc_number, d.issued_on AS issued_on, d.published_on AS published_on,
       d.status AS status, d.source_file AS source_file, d.sha256 AS sha256,
       d.encoding AS encoding, d.warnings AS warnings,
       {id: j.id, name: j.name, level: j.level, province: j.province} AS jurisdiction
ORDER BY id
