// count_nodes_by_label: how many nodes carry each label
// mode: read
// params: -
// returns: label, count
MATCH (n)
UNWIND labels(n) AS label
RETURN label, count(*) AS count
ORDER BY label
