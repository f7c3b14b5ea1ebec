// list_indicators: canonical indicators with the clauses they quantify and how many targets of current plans use them
// mode: read
// params: -
// returns: id, label_zh, unit, clauses, target_count
MATCH (i:Indicator)
OPTIONAL MATCH (i)-[:QUANTIFIES]->(c:Clause)
WITH i, c ORDER BY c.id
WITH i, collect(DISTINCT c.id) AS clauses
OPTIONAL MATCH (d:Document)-[:HAS_TARGET]->(t:Target {scope: 'plan'})-[:ON_INDICATOR]->(i)
WHERE d.superseded_by IS NULL
RETURN i.id AS id, i.label_zh AS label_zh, i.unit AS unit, clauses, count(t) AS target_count
ORDER BY id
