// count_document_units: how many units one document has now (one consistent read)
// mode: read
// params: $document_id
// returns: units
MATCH (d:Document {id: $document_id})
OPTIONAL MATCH (d)-[:HAS_UNIT]->(u:Unit)
RETURN count(u) AS units
