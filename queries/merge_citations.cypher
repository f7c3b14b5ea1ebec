// merge_citations: documents a plan cites, shared between plans that cite the same one
// mode: write
// params: $document_id, $rows (list of {id, title, doc_number, context})
// returns: -
MATCH (d:Document {id: $document_id})
UNWIND $rows AS row
MERGE (c:Citation {id: row.id})
SET c.title = row.title, c.doc_number = row.doc_number
MERGE (d)-[r:CITES]->(c)
SET r.context = row.context
