// list_adoptions: every (jurisdiction, measure) pair with an adopting mention, and how many units adopt it
// mode: read
// params: -
// returns: jurisdiction_id, measure_id, units
MATCH (j:Jurisdiction)-[a:ADOPTS]->(m:Measure)
RETURN j.id AS jurisdiction_id, m.id AS measure_id, a.units AS units
ORDER BY jurisdiction_id, measure_id
