// count_targets_by_jurisdiction: how many quantitative targets each jurisdiction's plans set
// mode: read
// params: -
// returns: jurisdiction_id, count
MATCH (j:Jurisdiction)-[:ISSUED]->(:Document)-[:HAS_TARGET]->(t:Target)
RETURN j.id AS jurisdiction_id, count(DISTINCT t) AS count
ORDER BY jurisdiction_id
