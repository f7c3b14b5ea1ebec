// list_targets: targets on canonical indicators, of current plans and national, optionally for one indicator
// mode: read
// params: $indicator_id (null = every indicator)
// returns: id, indicator, scope, jurisdiction_id, jurisdiction_name, document_id, unit_id, metric, value, unit, year, comparator, baseline, baseline_year, text
MATCH (t:Target)-[:ON_INDICATOR]->(i:Indicator)
WHERE $indicator_id IS NULL OR i.id = $indicator_id
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
