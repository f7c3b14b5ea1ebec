// list_implementations: every (jurisdiction, clause) pair with implementing units of current plans at or above a score
// mode: read
// params: $min_score
// returns: jurisdiction_id, clause_id, units, best_score
MATCH (j:Jurisdiction)-[:ISSUED]->(d:Document)-[:HAS_UNIT]->(u:Unit)-[r:IMPLEMENTS]->(c:Clause)
WHERE r.score >= $min_score AND d.superseded_by IS NULL
RETURN j.id AS jurisdiction_id, c.id AS clause_id, count(DISTINCT u) AS units,
       max(r.score) AS best_score
ORDER BY jurisdiction_id, clause_id
