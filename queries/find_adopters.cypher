// find_adopters: every unit of a current plan that mentions a measure, with its jurisdiction, plan and evidence
// mode: read
// params: $measure_id
// returns: jurisdiction_id, jurisdiction_name, document_id, document_title, unit_id, kind, heading, path, adoption, reason, evidence, sentence, evidences, sentences
MATCH (j:Jurisdiction)-[:ISSUED]->(d:Document)-[:HAS_UNIT]->(u:Unit)-[r:MENTIONS]->(m:Measure {id: $measure_id})
WHERE d.superseded_by IS NULL
RETURN j.id AS jurisdiction_id, j.name AS jurisdiction_name, d.id AS document_id,
       d.title AS document_title, u.id AS unit_id, u.kind AS kind, u.heading AS heading,
       u.path AS path, r.adoption AS adoption, r.reason AS reason, r.evidence AS evidence,
       r.sentence AS sentence, r.evidences AS evidences, r.sentences AS sentences
ORDER BY jurisdiction_id, document_id, u.order
