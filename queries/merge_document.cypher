// merge_document: create or update one plan and tie it to its jurisdiction
// mode: write
// params: $jurisdiction_id, $document_id, $props (map of document properties)
// returns: -
MATCH (j:Jurisdiction {id: $jurisdiction_id})
MERGE (d:Document {id: $document_id})
SET d += $props, d.jurisdiction_id = $jurisdiction_id
MERGE (j)-[:ISSUED]->(d)
