// view_mentions: units of current plans that mention measures, with evidence, filtered by jurisdiction and measure
// mode: read
// params: $jurisdiction_ids (list or null for all), $measure_ids (list or null for all), $adoption_only (bool)
// returns: jurisdiction_id, measure_id, document_id, document_title, unit_id, unit_order, heading, path, kind, adoption, evidence, sentence, reason
MATCH (j:Jurisdiction)-[:ISSUED]->(d:Document)-[:HAS_UNIT]->(u:Unit)-[r:MENTIONS]->(m:Measure)
WHERE d.superseded_by IS NULL
  AND ($jurisdiction_ids IS NULL OR j.id IN $jurisdiction_ids)
  AND ($measure_ids IS NULL OR m.id IN $measure_ids)
  AND (r.adoption = true OR NOT $adoption_only)
RETURN j.id AS jurisdiction_id, m.id AS measure_id, d.id AS document_id,
       d.title AS document_title, u.id AS unit_id, u.order AS unit_order, u.heading AS heading,
       u.path AS path, u.kind AS kind, r.adoption AS adoption, r.evidence AS evidence,
       r.sentence AS sentence, r.reason AS reason
ORDER BY jurisdiction_id, measure_id, document_id, unit_order
