// view_targets: quantitative targets of jurisdictions' current plans, with the unit that sets each
// mode: read
// params: $jurisdiction_ids (list of ids)
// returns: jurisdiction_id, document_id, id, metric, indicator, indicator_label, comparator, value, unit, year, text, unit_id, unit_heading
MATCH (j:Jurisdiction)-[:ISSUED]->(d:Document)-[:HAS_TARGET]->(t:Target)
WHERE j.id IN $jurisdiction_ids AND d.superseded_by IS NULL
OPTIONAL MATCH (u:Unit)-[:SETS]->(t)
OPTIONAL MATCH (t)-[:ON_INDICATOR]->(i:Indicator)
RETURN j.id AS jurisdiction_id, d.id AS document_id, t.id AS id, t.metric AS metric,
       t.indicator AS indicator, i.label_zh AS indicator_label,
       t.comparator AS comparator, t.value AS value, t.unit AS unit,
       t.year AS year, t.text AS text, u.id AS unit_id, u.heading AS unit_heading
ORDER BY document_id, id
