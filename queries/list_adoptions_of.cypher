// list_adoptions_of: the adopted measures of some jurisdictions, with how many units adopt each
// mode: read
// params: $ids
// returns: jurisdiction_id, measure_id, units
MATCH (j:Jurisdiction)-[a:ADOPTS]->(m:Measure)
WHERE j.id IN $ids
RETURN j.id AS jurisdiction_id, m.id AS measure_id, a.units AS units
ORDER BY jurisdiction_id, measure_id
