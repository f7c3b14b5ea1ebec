// count_relationships_by_type: how many relationships of each type
// mode: read
// params: -
// returns: type, count
MATCH ()-[r]->()
RETURN type(r) AS type, count(*) AS count
ORDER BY type
