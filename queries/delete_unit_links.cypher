// delete_unit_links: drop the derived links of a document's units before they are rewritten
// mode: write
// params: $document_id
// returns: deleted
MATCH (d:Document {id: $document_id})-[:HAS_UNIT]->(u:Unit)-[r:PART_OF|MENTIONS|IMPLEMENTS]->()
DELETE r
RETURN count(*) AS deleted
