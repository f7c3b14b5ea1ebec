// merge_indicators: canonical indicators targets are measured on, and the clauses they quantify
// mode: write
// params: $rows (list of {id, label_zh, unit, clauses})
// returns: -
UNWIND $rows AS row
MERGE (i:Indicator {id: row.id})
SET i.label_zh = row.label_zh, i.unit = row.unit
WITH i, row
UNWIND row.clauses AS clause_id
MATCH (c:Clause {id: clause_id})
MERGE (i)-[:QUANTIFIES]->(c)
