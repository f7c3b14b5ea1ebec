// list_document_sources: every plan's id, jurisdiction and source digest, optionally of one jurisdiction
// mode: read
// params: $jurisdiction_id (null = every jurisdiction)
// returns: id, jurisdiction_id, sha256, title, source_file, source_url, superseded_by
MATCH (j:Jurisdiction)-[:ISSUED]->(d:Document)
WHERE $jurisdiction_id IS NULL OR j.id = $jurisdiction_id
RETURN d.id AS id, j.id AS jurisdiction_id, d.sha256 AS sha256, d.title AS title,
       d.source_file AS source_file, d.source_url AS source_url,
       d.superseded_by AS superseded_by
ORDER BY id
