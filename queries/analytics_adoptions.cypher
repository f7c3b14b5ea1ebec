// analytics_adoptions: every adopting mention of a measure, with the unit and sentence that adopt it
// mode: read
// params: -
// returns: jurisdiction_id, document_id, unit_id, heading, measure_id, evidence, sentence, order
MATCH (j:Jurisdiction)-[:ISSUED]->(d:Document)-[:HAS_UNIT]->(u:Unit)-[r:MENTIONS]->(m:Measure)
WHERE r.adoption = true
RETURN j.id AS jurisdiction_id, d.id AS document_id, u.id AS unit_id, u.heading AS heading,
       m.id AS measure_id, r.evidence AS evidence, r.sentence AS sentence, u.order AS order
ORDER BY jurisdiction_id, measure_id, document_id, order
