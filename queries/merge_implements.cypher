// merge_implements: ranked links from units to the outline clauses they implement
// mode: write
// params: $rows (list of {unit_id, clause_id, score, rank, method, evidence})
// returns: -
UNWIND $rows AS row
MATCH (u:Unit {id: row.unit_id})
MATCH (c:Clause {id: row.clause_id})
MERGE (u)-[r:IMPLEMENTS]->(c)
SET r.score = row.score, r.rank = row.rank, r.method = row.method, r.evidence = row.evidence
