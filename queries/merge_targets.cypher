// merge_targets: quantitative targets of a document, tied to their unit and indicator
// mode: write
// params: $document_id, $rows (list of {id, unit_id, indicator, props})
// returns: -
MATCH (d:Document {id: $document_id})
UNWIND $rows AS row
MERGE (t:Target {id: row.id})
SET t += row.props
MERGE (d)-[:HAS_TARGET]->(t)
WITH t, row
OPTIONAL MATCH (u:Unit {id: row.unit_id})
FOREACH (_ IN CASE WHEN u IS NULL THEN [] ELSE [1] END | MERGE (u)-[:SETS]->(t))
WITH t, row
OPTIONAL MATCH (i:Indicator {id: row.indicator})
FOREACH (_ IN CASE WHEN i IS NULL THEN [] ELSE [1] END | MERGE (t)-[:ON_INDICATOR]->(i))
