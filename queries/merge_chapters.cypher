// merge_chapters: chapters of the national outline
// mode: write
// params: $rows (list of {id, title, ordinal})
// returns: -
UNWIND $rows AS row
MERGE (c:Chapter {id: row.id})
SET c.title = row.title, c.ordinal = row.ordinal
