// list_jurisdiction_names: id and name of every jurisdiction (no plans: the cheap lookup)
// mode: read
// params: -
// returns: id, name
MATCH (j:Jurisdiction)
RETURN j.id AS id, j.name AS name
ORDER BY id
