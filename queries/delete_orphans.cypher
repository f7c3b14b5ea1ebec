// delete_orphans: remove agencies and citations no document refers to any more
// mode: write
// params: -
// returns: -
MATCH (n)
WHERE (n:Agency OR n:Citation) AND NOT (n)--()
DELETE n
