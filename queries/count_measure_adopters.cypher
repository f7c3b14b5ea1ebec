// count_measure_adopters: how many jurisdictions adopt one measure
// mode: read
// params: $measure_id
// returns: adopters
MATCH (m:Measure {id: $measure_id})
OPTIONAL MATCH (j:Jurisdiction)-[:ADOPTS]->(m)
RETURN count(j) AS adopters
