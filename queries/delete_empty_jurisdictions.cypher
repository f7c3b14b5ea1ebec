// delete_empty_jurisdictions: remove jurisdictions left without any plan
// mode: write
// params: -
// returns: -
MATCH (j:Jurisdiction)
WHERE NOT (j)-[:ISSUED]->(:Document)
DETACH DELETE j
