// Package gctune sets kbuild-go's garbage collector policy: no collection
// while the heap is small, the runtime's usual pacing once it is not.
//
// Most kbuild-go runs are short and allocate a few tens of megabytes that
// stay live to the end (a parsed Kconfig tree, the evaluated makefiles of
// a no-op build): collecting them is pure cost, a third of a warm
// olddefconfig's CPU time with the default GOGC=100. So Tune turns the
// collector off and sets a soft memory limit; the first collection, which
// that limit triggers, switches to GOGC=200 without a limit, so a big build
// pays the usual, proportional price instead of collecting at the limit
// over and over.
package gctune

import (
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"sync"
)

// Threshold is the heap size at which collection starts.
const Threshold = 512 << 20

// Percent is GOGC after the first collection.
const Percent = 200

var once sync.Once

// Tune applies the policy, unless the environment sets GOGC or GOMEMLIMIT:
// then the runtime's own reading of them stands.
func Tune() {
	if os.Getenv("GOGC") != "" || os.Getenv("GOMEMLIMIT") != "" {
		return
	}
	once.Do(func() {
		debug.SetGCPercent(-1)
		debug.SetMemoryLimit(Threshold)
		arm()
	})
}

// arm schedules the switch at the next collection: a finalizer runs after
// the collection that found its object unreachable.
func arm() {
	s := new([16]byte)
	runtime.SetFinalizer(s, func(*[16]byte) {
		debug.SetMemoryLimit(math.MaxInt64) // no limit
		debug.SetGCPercent(Percent)
	})
}
