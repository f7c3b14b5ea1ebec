// delete_all: remove every node and relationship (tests and `policykg db reset`)
// mode: write
// params: -
// returns: -
MATCH (n)
DETACH DELETE n
