// merge_measures: measures of the ontology with their category and the clauses they serve
// mode: write
// params: $rows (list of {id, category, clauses, props})
// returns: -
UNWIND $rows AS row
MERGE (m:Measure {id: row.id})
SET m += row.props, m.category = row.category
WITH m, row
OPTIONAL MATCH (m)-[old:BROADER|SERVES]->()
DELETE old
WITH DISTINCT m, row
MATCH (c:Category {id: row.category})
MERGE (m)-[:BROADER]->(c)
WITH m, row
UNWIND row.clauses AS clause_id
MATCH (cl:Clause {id: clause_id})
MERGE (m)-[:SERVES]->(cl)
