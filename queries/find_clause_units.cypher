// find_clause_units: the units of current plans that implement a clause at or above a score, with their jurisdiction
// mode: read
// params: $clause_id, $min_score
// returns: jurisdiction_id, document_id, unit_id, kind, heading, score, rank, method
MATCH (j:Jurisdiction)-[:ISSUED]->(d:Document)-[:HAS_UNIT]->(u:Unit)-[r:IMPLEMENTS]->(c:Clause {id: $clause_id})
WHERE r.score >= $min_score AND d.superseded_by IS NULL
RETURN j.id AS jurisdiction_id, d.id AS document_id, u.id AS unit_id, u.kind AS kind,
       u.heading AS heading, r.score AS score, r.rank AS rank, r.method AS method
ORDER BY jurisdiction_id, score DESC, unit_id
