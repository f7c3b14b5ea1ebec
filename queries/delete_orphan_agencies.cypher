// delete_orphan_agencies: remove agencies no unit names any more (scans agencies, not the graph)
// mode: write
// params: -
// returns: -
MATCH (a:Agency)
WHERE NOT (a)--()
DELETE a
