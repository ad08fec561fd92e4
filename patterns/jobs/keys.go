package jobs

// keys are a queue's Redis keys. They all carry the hash tag {name}, so
// that a script can move a job between them on a Redis Cluster.
type keys struct {
	base      string // <prefix>:{<name>}:
	wait      string // list of IDs, oldest at the tail
	active    string // set of IDs being run
	delayed   string // sorted set of IDs scored by due time (ms)
	completed string // sorted set of IDs scored by finish time (ms)
	failed    string // sorted set of IDs scored by finish time (ms)
	repeat    string // sorted set of repeat keys scored by their next time (ms)
	id        string // counter for generated IDs
	events    string // stream of state changes
}

func newKeys(prefix, name string) keys {
	base := prefix + ":{" + name + "}:"
	return keys{
		base:      base,
		wait:      base + "wait",
		active:    base + "active",
		delayed:   base + "delayed",
		completed: base + "completed",
		failed:    base + "failed",
		repeat:    base + "repeat",
		id:        base + "id",
		events:    base + "events",
	}
}

// job is the hash holding a job's data and bookkeeping.
func (k keys) job(id string) string { return k.base + "job:" + id }

// lock is the key an active job's worker holds, with a TTL it renews;
// its value is the worker's token for this run of the job.
func (k keys) lock(id string) string { return k.base + "lock:" + id }
