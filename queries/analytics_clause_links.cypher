// analytics_clause_links: every unit that implements an outline clause, with its score
// mode: read
// params: -
// returns: jurisdiction_id, document_id, unit_id, heading, clause_id, score, rank, order
MATCH (j:Jurisdiction)-[:ISSUED]->(d:Document)-[:HAS_UNIT]->(u:Unit)-[i:IMPLEMENTS]->(c:Clause)
RETURN j.id AS jurisdiction_id, d.id AS document_id, u.id AS unit_id, u.heading AS heading,
       c.id AS clause_id, i.score AS score, i.rank AS rank, u.order AS order
ORDER BY jurisdiction_id, clause_id, document_id, order
