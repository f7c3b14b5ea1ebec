// merge_outline_targets: the national outline's own 2025 targets, as benchmarks on indicators
// mode: write
// params: $rows (list of {id, indicator, props})
// returns: -
UNWIND $rows AS row
MERGE (t:Target {id: row.id})
SET t += row.props
WITH t, row
MATCH (i:Indicator {id: row.indicator})
MERGE (t)-[:ON_INDICATOR]->(i)
