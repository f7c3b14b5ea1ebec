// count_targets_by_jurisdiction: how many quantitative targets each jurisdiction's current plans set
// mode: read
// params: -
// returns: jurisdiction_id, count
MATCH (j:Jurisdiction)-[:ISSUED]->(d:Document)-[:HAS_TARGET]->(t:Target)
WHERE d.superseded_by IS NULL
RETURN j.id AS jurisdiction_id, count(DISTINCT t) AS count
ORDER BY jurisdiction_id
