// merge_categories: the measure categories (SKOS top concepts)
// mode: write
// params: $rows (list of {id, label_zh, label_en})
// returns: -
UNWIND $rows AS row
MERGE (c:Category {id: row.id})
SET c.label_zh = row.label_zh, c.label_en = row.label_en
