// list_targets_of: targets of some jurisdictions' current plans on canonical indicators, plus the national ones
// mode: read
// params: $ids
// returns: id, indicator, scope, jurisdiction_id, jurisdiction_name, document_id, unit_id, metric, value, unit, year, comparator, baseline, baseline_year, text
MATCH (t:Target)-[:ON_INDICATOR]->(i:Indicator)
WHERE t.jurisdiction_id IN $ids OR t.scope = 'national'
OPTIONAL MATCH (d:Document)-[:HAS_TARGET]->(t)
WITH t, i, d
WHERE t.scope = 'national' OR (d IS NOT NULL AND d.superseded_by IS NULL)
OPTIONAL MATCH (j:Jurisdiction {id: t.jurisdiction_id})
RETURN t.id AS id, i.id AS indicator, t.scope AS scope, t.jurisdiction_id AS jurisdiction_id,
       j.name AS jurisdiction_name, t.document_id AS document_id, t.unit_id AS unit_id,
       t.metric AS metric, t.value AS value, t.unit AS unit, t.year AS year,
       t.comparator AS comparator, t.baseline AS baseline, t.baseline_year AS baseline_year,
       t.text AS text
ORDER BY indicator, scope, jurisdiction_id, id
