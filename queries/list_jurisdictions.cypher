// list_jurisdictions: every jurisdiction with its plans, current and superseded (id, title, dates, status, source, superseded_by)
// mode: read
// params: -
// returns: id, name, level, province, documents
MATCH (j:Jurisdiction)
OPTIONAL MATCH (j)-[:ISSUED]->(d:Document)
WITH j, d ORDER BY d.issued_on, d.id
RETURN j.id AS id, j.name AS name, j.level AS level, j.province AS province,
       collect(CASE WHEN d IS NULL THEN NULL ELSE
         {id: d.id, title: d.title, issued_on: d.issued_on, published_on: d.published_on,
          status: d.status, source_format: d.source_format, source_url: d.source_url,
          replaces: d.replaces, superseded_by: d.superseded_by} END) AS documents
ORDER BY id
