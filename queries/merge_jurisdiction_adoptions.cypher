// merge_jurisdiction_adoptions: summarise the adopting mentions of a jurisdiction's current plans as ADOPTS {units}
// mode: write
// params: $jurisdiction_id
// returns: -
MATCH (j:Jurisdiction {id: $jurisdiction_id})-[:ISSUED]->(d:Document)-[:HAS_UNIT]->(u:Unit)
WHERE d.superseded_by IS NULL
MATCH (u)-[r:MENTIONS]->(m:Measure)
WHERE r.adoption = true
WITH j, m, count(DISTINCT u) AS units
MERGE (j)-[a:ADOPTS]->(m)
SET a.units = units
