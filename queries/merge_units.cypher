// merge_units: create or update a document's units
// mode: write
// params: $document_id, $rows (list of {id, props})
// returns: -
MATCH (d:Document {id: $document_id})
UNWIND $rows AS row
MERGE (u:Unit {id: row.id})
SET u += row.props
MERGE (d)-[:HAS_UNIT]->(u)
