// list_implementations_of: clauses some jurisdictions' current plans implement at or above a score, with unit counts
// mode: read
// params: $ids, $min_score
// returns: jurisdiction_id, clause_id, units, best_score
MATCH (j:Jurisdiction)-[:ISSUED]->(d:Document)-[:HAS_UNIT]->(u:Unit)-[r:IMPLEMENTS]->(c:Clause)
WHERE j.id IN $ids AND r.score >= $min_score AND d.superseded_by IS NULL
RETURN j.id AS jurisdiction_id, c.id AS clause_id, count(DISTINCT u) AS units,
       max(r.score) AS best_score
ORDER BY jurisdiction_id, clause_id
