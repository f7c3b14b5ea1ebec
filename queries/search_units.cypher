// search_units: units of current plans whose lower-cased heading and text contain a (simplified, lower-cased) string
// mode: read
// params: $q
// returns: unit_id, document_id, jurisdiction_id, jurisdiction_name, kind, path, heading, text, score
MATCH (j:Jurisdiction)-[:ISSUED]->(d:Document)-[:HAS_UNIT]->(u:Unit)
WHERE u.text_search CONTAINS $q AND d.superseded_by IS NULL
RETURN u.id AS unit_id, d.id AS document_id, j.id AS jurisdiction_id,
       j.name AS jurisdiction_name, u.kind AS kind, u.path AS path, u.heading AS heading,
       u.text AS text, 1.0 AS score
ORDER BY jurisdiction_id, document_id, u.order
