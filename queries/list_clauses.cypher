// list_clauses: the outline's clauses with their chapter, in outline order
// mode: read
// params: -
// returns: id, number, title, chapter, chapter_title, digest, key_terms
MATCH (c:Clause)
OPTIONAL MATCH (c)-[:IN_CHAPTER]->(ch:Chapter)
RETURN c.id AS id, c.number AS number, c.title AS title, c.chapter AS chapter,
       ch.title AS chapter_title, c.digest AS digest, c.key_terms AS key_terms
ORDER BY id
