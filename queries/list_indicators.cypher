// list_indicators: canonical indicators with the clauses they quantify and how many plan targets use them
// mode: read
// params: -
// returns: id, label_zh, unit, clauses, target_count
MATCH (i:Indicator)
OPTIONAL MATCH (i)-[:QUANTIFIES]->(c:Clause)
WITH i, c ORDER BY c.id
WITH i, collect(DISTINCT c.id) AS clauses
OPTIONAL MATCH (t:Target {scope: 'plan'})-[:ON_INDICATOR]->(i)
RETURN i.id AS id, i.label_zh AS label_zh, i.unit AS unit, clauses, count(t) AS target_count
ORDER BY id
