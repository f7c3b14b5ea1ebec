// view_jurisdictions: jurisdictions with their current documents (ordered by id)
// mode: read
// params: $jurisdiction_ids (list of ids, or null for every jurisdiction)
// returns: id, name, level, province, documents
MATCH (j:Jurisdiction)
WHERE $jurisdiction_ids IS NULL OR j.id IN $jurisdiction_ids
OPTIONAL MATCH (j)-[:ISSUED]->(d:Document)
WHERE d.superseded_by IS NULL
WITH j, d ORDER BY d.id
RETURN j.id AS id, j.name AS name, j.level AS level, j.province AS province,
       collect(CASE WHEN d IS NULL THEN NULL ELSE
         {id: d.id, title: d.title, issued_on: d.issued_on, published_on: d.published_on,
          status: d.status, doc_number: d.doc_number} END) AS documents
ORDER BY id
