// count_units_by_kind: how many units of each kind every jurisdiction's plans have
// mode: read
// params: -
// returns: jurisdiction_id, kind, count
MATCH (j:Jurisdiction)-[:ISSUED]->(:Document)-[:HAS_UNIT]->(u:Unit)
RETURN j.id AS jurisdiction_id, u.kind AS kind, count(u) AS count
ORDER BY jurisdiction_id, kind
