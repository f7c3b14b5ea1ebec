// merge_jurisdictions: create or update jurisdictions
// mode: write
// params: $rows (list of {id, name, level, province})
// returns: -
UNWIND $rows AS row
MERGE (j:Jurisdiction {id: row.id})
SET j.name = row.name, j.level = row.level, j.province = row.province
