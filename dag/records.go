package dag

import (
	"sync"
	"time"
)

// Record is what is remembered about an output between builds: the command line that made it and the
// dependencies it discovered. Kbuild keeps this in .cmd files; the state log keeps a hash of it.
type Record struct {
	// Command is the saved command line (Command.Key), compared as word sequences. Empty when only Hash
	// is known.
	Command string
	// Hash is KeyHash(Command); used for the comparison when Command is empty (the state log stores only
	// the hash). 0 means no command.
	Hash uint64
	// Deps are the discovered dependencies (from the depfile); they become implicit inputs at the next
	// build's scan.
	Deps []string
	// Duration is how long the command took; the scheduler weighs critical paths with it.
	Duration time.Duration
}

// Records loads and saves the Record of an output. Load reports ok=false when there is none; an error is
// for an unreadable record and fails the build. Save is called only after the edge's command succeeded,
// from worker goroutines (implementations must be safe for concurrent use), with the primary output.
type Records interface {
	Load(output string) (rec Record, ok bool, err error)
	Save(output string, rec Record) error
}

// MapRecords is an in-memory Records, for tests and for integrators that keep records elsewhere.
type MapRecords struct {
	mu sync.Mutex
	m  map[string]Record
}

// NewMapRecords returns an empty MapRecords.
func NewMapRecords() *MapRecords { return &MapRecords{m: make(map[string]Record)} }

// Load implements Records.
func (r *MapRecords) Load(output string) (Record, bool, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	rec, ok := r.m[output]
	return rec, ok, nil
}

// Save implements Records.
func (r *MapRecords) Save(output string, rec Record) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.m[output] = rec
	return nil
}

// Delete forgets the record of output (a deleted .cmd file).
func (r *MapRecords) Delete(output string) {
	r.mu.Lock()
	defer r.mu.Unlock()
	delete(r.m, output)
}
