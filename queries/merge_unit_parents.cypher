// merge_unit_parents: the heading tree, child unit PART_OF its parent
// mode: write
// params: $rows (list of {child, parent})
// returns: -
UNWIND $rows AS row
MATCH (c:Unit {id: row.child})
MATCH (p:Unit {id: row.parent})
MERGE (c)-[:PART_OF]->(p)
