// merge_jurisdiction_adoptions: summarise a jurisdiction's adopting mentions as ADOPTS {units}
// mode: write
// params: $jurisdiction_id
// returns: -
MATCH (j:Jurisdiction {id: $jurisdiction_id})-[:ISSUED]->(:Document)-[:HAS_UNIT]->(u:Unit)
MATCH (u)-[r:MENTIONS]->(m:Measure)
WHERE r.adoption = true
WITH j, m, count(DISTINCT u) AS units
MERGE (j)-[a:ADOPTS]->(m)
SET a.units = units
