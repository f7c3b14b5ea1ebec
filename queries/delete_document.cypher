// delete_document: remove one plan with its units and targets (rebuild drops plans no source gives)
// mode: write
// params: $document_id
// returns: -
MATCH (d:Document {id: $document_id})
OPTIONAL MATCH (d)-[:HAS_UNIT]->(u:Unit)
DETACH DELETE u
WITH DISTINCT d
OPTIONAL MATCH (d)-[:HAS_TARGET]->(t:Target)
DETACH DELETE t
WITH DISTINCT d
DETACH DELETE d
