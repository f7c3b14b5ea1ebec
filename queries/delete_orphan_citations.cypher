// delete_orphan_citations: remove cited documents no plan cites any more
// mode: write
// params: -
// returns: -
MATCH (c:Citation)
WHERE NOT (c)--()
DELETE c
