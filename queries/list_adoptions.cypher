// list_adoptions: every (jurisdiction, measure) pair with an adopting mention, and how many units adopt it
// mode: read
// params: -
// returns: jurisdiction_id, measure_id, units
MATCH (j:Jurisdiction)-[:ISSUED]->(:Document)-[:HAS_UNIT]->(u:Unit)-[r:MENTIONS]->(m:Measure)
WHERE r.adoption = true
RETURN j.id AS jurisdiction_id, m.id AS measure_id, count(DISTINCT u) AS units
ORDER BY jurisdiction_id, measure_id
