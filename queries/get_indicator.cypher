// get_indicator: one canonical indicator with the clauses it quantifies
// mode: read
// params: $indicator_id
// returns: id, label_zh, unit, clauses
MATCH (i:Indicator {id: $indicator_id})
OPTIONAL MATCH (i)-[:QUANTIFIES]->(c:Clause)
WITH i, c ORDER BY c.id
RETURN i.id AS id, i.label_zh AS label_zh, i.unit AS unit, collect(DISTINCT c.id) AS clauses
