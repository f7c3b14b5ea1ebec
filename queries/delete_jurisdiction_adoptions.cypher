// delete_jurisdiction_adoptions: drop a jurisdiction's ADOPTS summary before it is recomputed
// mode: write
// params: $jurisdiction_id
// returns: -
MATCH (:Jurisdiction {id: $jurisdiction_id})-[a:ADOPTS]->(:Measure)
DELETE a
