// list_orphans: nodes a document rewrite should never leave behind
// mode: read
// params: -
// returns: label, id
MATCH (n)
WHERE (n:Unit AND NOT ()-[:HAS_UNIT]->(n))
   OR (n:Document AND NOT ()-[:ISSUED]->(n))
   OR ((n:Agency OR n:Citation) AND NOT (n)--())
   OR (n:Target AND coalesce(n.scope, '') <> 'national' AND NOT ()-[:HAS_TARGET]->(n))
RETURN labels(n)[0] AS label, n.id AS id
ORDER BY label, id
