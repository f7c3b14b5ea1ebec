// list_jurisdictions: every jurisdiction with its plans (id, title, issued_on, status)
// mode: read
// params: -
// returns: id, name, level, province, documents
MATCH (j:Jurisdiction)
OPTIONAL MATCH (j)-[:ISSUED]->(d:Document)
WITH j, d ORDER BY d.issued_on, d.id
RETURN j.id AS id, j.name AS name, j.level AS level, j.province AS province,
       collect(CASE WHEN d IS NULL THEN NULL ELSE
         {id: d.id, title: d.title, issued_on: d.issued_on, status: d.status} END) AS documents
ORDER BY id
