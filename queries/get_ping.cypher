// get_ping: a trivial read that proves the database answers
// mode: read
// params: -
// returns: ok
RETURN 1 AS ok
