// analytics_plans: every jurisdiction with its plans and their dates, for comparisons
// mode: read
// params: -
// returns: jurisdiction_id, name, level, province, document_id, title, issued_on, published_on, status
MATCH (j:Jurisdiction)-[:ISSUED]->(d:Document)
RETURN j.id AS jurisdiction_id, j.name AS name, j.level AS level, j.province AS province,
       d.id AS document_id, d.title AS title, d.issued_on AS issued_on,
       d.published_on AS published_on, d.status AS status
ORDER BY jurisdiction_id, document_id
