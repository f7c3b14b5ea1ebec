// list_document_versions: a jurisdiction's plans with what the version decision reads
// mode: read
// params: $jurisdiction_id
// returns: id, title, status, issued_on, published_on, replaces, superseded_by
MATCH (:Jurisdiction {id: $jurisdiction_id})-[:ISSUED]->(d:Document)
RETURN d.id AS id, d.title AS title, d.status AS status, d.issued_on AS issued_on,
       d.published_on AS published_on, d.replaces AS replaces,
       d.superseded_by AS superseded_by
ORDER BY id
