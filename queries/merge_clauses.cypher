// merge_clauses: clauses C01..C24 of the national outline, in their chapters
// mode: write
// params: $rows (list of {id, chapter, title, digest, key_terms, number})
// returns: -
UNWIND $rows AS row
MERGE (c:Clause {id: row.id})
SET c.chapter = row.chapter, c.title = row.title, c.digest = row.digest,
    c.key_terms = row.key_terms, c.number = row.number
WITH c, row
MATCH (ch:Chapter {id: row.chapter})
MERGE (c)-[:IN_CHAPTER]->(ch)
