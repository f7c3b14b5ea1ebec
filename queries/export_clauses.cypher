// export_clauses: the outline's clauses with their chapter
// mode: read
// params: -
// returns: id, title, chapter, chapter_title, digest, key_terms
MATCH (c:Clause)
OPTIONAL MATCH (c)-[:IN_CHAPTER]->(ch:Chapter)
RETURN c.id AS id, c.title AS title, c.chapter AS chapter, ch.title AS chapter_title,
       c.digest AS digest, c.key_terms AS key_terms
ORDER BY id
