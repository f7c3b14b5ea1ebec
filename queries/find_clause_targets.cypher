// find_clause_targets: targets set by units of current plans, on indicators that quantify a clause
// mode: read
// params: $clause_id
// returns: unit_id, target_id, indicator, metric, value, unit, year
MATCH (d:Document)-[:HAS_UNIT]->(u:Unit)-[:SETS]->(t:Target)-[:ON_INDICATOR]->(i:Indicator)-[:QUANTIFIES]->(:Clause {id: $clause_id})
WHERE d.superseded_by IS NULL
RETURN u.id AS unit_id, t.id AS target_id, i.id AS indicator, t.metric AS metric,
       t.value AS value, t.unit AS unit, t.year AS year
ORDER BY unit_id, target_id
