// view_clauses: outline clauses with title, chapter and digest, by id
// mode: read
// params: $clause_ids (list of ids, or null for every clause)
// returns: id, title, chapter, digest
MATCH (c:Clause)
WHERE $clause_ids IS NULL OR c.id IN $clause_ids
RETURN c.id AS id, c.title AS title, c.chapter AS chapter, c.digest AS digest
ORDER BY id
