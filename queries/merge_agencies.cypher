// merge_agencies: agencies responsible for units
// mode: write
// params: $rows (list of {unit_id, agency_id, name, ordinal})
// returns: -
UNWIND $rows AS row
MATCH (u:Unit {id: row.unit_id})
MERGE (a:Agency {id: row.agency_id})
SET a.name = row.name
MERGE (a)-[r:RESPONSIBLE_FOR]->(u)
SET r.ordinal = row.ordinal
