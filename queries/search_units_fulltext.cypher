// search_units_fulltext: units of current plans matching a query in Neo4j's CJK full-text index over heading and text
// mode: read
// params: $q
// returns: unit_id, document_id, jurisdiction_id, jurisdiction_name, kind, path, heading, text, score
CALL db.index.fulltext.queryNodes('unit_fulltext', $q) YIELD node, score
MATCH (j:Jurisdiction)-[:ISSUED]->(d:Document)-[:HAS_UNIT]->(node)
WHERE d.superseded_by IS NULL
RETURN node.id AS unit_id, d.id AS document_id, j.id AS jurisdiction_id,
       j.name AS jurisdiction_name, node.kind AS kind, node.path AS path,
       node.heading AS heading, node.text AS text, score
ORDER BY score DESC, jurisdiction_id, document_id, node.order
