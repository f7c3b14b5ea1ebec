// delete_stale_units: remove a document's units that its new version no longer has
// mode: write
// params: $document_id, $keep (unit ids of the new version)
// returns: deleted
MATCH (d:Document {id: $document_id})-[:HAS_UNIT]->(u:Unit)
WHERE NOT u.id IN $keep
DETACH DELETE u
RETURN count(*) AS deleted
