// count_units_by_kind: how many units of each kind every jurisdiction's current plans have
// mode: read
// params: -
// returns: jurisdiction_id, kind, count
MATCH (j:Jurisdiction)-[:ISSUED]->(d:Document)-[:HAS_UNIT]->(u:Unit)
WHERE d.superseded_by IS NULL
RETURN j.id AS jurisdiction_id, u.kind AS kind, count(u) AS count
ORDER BY jurisdiction_id, kind
