// list_documents: every plan with its jurisdiction and unit/target counts
// mode: read
// params: -
// returns: id, title, doc_number, issued_on, published_on, status, issuers, jurisdiction_id, jurisdiction_name, units, targets, source_format, source_url, superseded_by
MATCH (j:Jurisdiction)-[:ISSUED]->(d:Document)
RETURN d.id AS id, d.title AS title, d.doc_number AS doc_number, d.issued_on AS issued_on,
       d.published_on AS published_on, d.status AS status, d.issuers AS issuers,
       j.id AS jurisdiction_id, j.name AS jurisdiction_name, d.units AS units,
       d.targets_count AS targets, d.source_format AS source_format,
       d.source_url AS source_url, d.superseded_by AS superseded_by
ORDER BY jurisdiction_id, id
