// export_targets: every plan target with its normalised value and indicator
// mode: read
// params: -
// returns: id, document_id, jurisdiction_id, task_id, metric, indicator, value, unit, year, comparator, baseline, baseline_year, attribute, category, text
MATCH (d:Document)-[:HAS_TARGET]->(t:Target)
RETURN t.id AS id, d.id AS document_id, t.jurisdiction_id AS jurisdiction_id,
       t.unit_id AS task_id, t.metric AS metric, t.indicator AS indicator, t.value AS value,
       t.unit AS unit, t.year AS year, t.comparator AS comparator, t.baseline AS baseline,
       t.baseline_year AS baseline_year, t.attribute AS attribute, t.category AS category,
       t.text AS text
ORDER BY document_id, id
