// delete_document_targets: remove a document's targets, citations and agency links before a rewrite
// mode: write
// params: $document_id
// returns: -
MATCH (d:Document {id: $document_id})
OPTIONAL MATCH (d)-[:HAS_TARGET]->(t:Target)
DETACH DELETE t
WITH DISTINCT d
OPTIONAL MATCH (d)-[c:CITES]->(:Citation)
DELETE c
WITH DISTINCT d
OPTIONAL MATCH (d)-[:HAS_UNIT]->(:Unit)<-[a:RESPONSIBLE_FOR]-(:Agency)
DELETE a
