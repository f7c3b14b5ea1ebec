// view_implementations: units of current plans linked to outline clauses, with score and rank, filtered by jurisdiction and clause
// mode: read
// params: $jurisdiction_ids (list or null for all), $clause_ids (list or null for all)
// returns: jurisdiction_id, clause_id, document_id, document_title, unit_id, unit_order, heading, path, kind, score, rank, evidence
MATCH (j:Jurisdiction)-[:ISSUED]->(d:Document)-[:HAS_UNIT]->(u:Unit)-[r:IMPLEMENTS]->(c:Clause)
WHERE d.superseded_by IS NULL
  AND ($jurisdiction_ids IS NULL OR j.id IN $jurisdiction_ids)
  AND ($clause_ids IS NULL OR c.id IN $clause_ids)
RETURN j.id AS jurisdiction_id, c.id AS clause_id, d.id AS document_id,
       d.title AS document_title, u.id AS unit_id, u.order AS unit_order, u.heading AS heading,
       u.path AS path, u.kind AS kind, r.score AS score, r.rank AS rank, r.evidence AS evidence
ORDER BY jurisdiction_id, clause_id, document_id, unit_order
