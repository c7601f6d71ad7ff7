package gctune

import (
	"math"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"
)

func read() (percent, limit int64) {
	s := []metrics.Sample{{Name: "/gc/gogc:percent"}, {Name: "/gc/gomemlimit:bytes"}}
	metrics.Read(s)
	return int64(s[0].Value.Uint64()), int64(s[1].Value.Uint64())
}

// TestTuneSwitchesAfterFirstCollection: with the policy on, the collector
// is off below the threshold, and the first collection restores
// proportional pacing without a limit.
func TestTuneSwitchesAfterFirstCollection(t *testing.T) {
	t.Setenv("GOGC", "")
	t.Setenv("GOMEMLIMIT", "")
	once = sync.Once{}
	Tune()
	if p, l := read(); p != -1 || l != Threshold {
		t.Fatalf("after Tune: GOGC %d, limit %d; want off (-1) and %d", p, l, Threshold)
	}
	var p, l int64
	for range 100 { // the finalizer runs on its own goroutine, after a collection
		runtime.GC()
		if p, l = read(); p == Percent {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	if p != Percent || l != math.MaxInt64 {
		t.Fatalf("after the first collection: GOGC %d, limit %d; want %d and none", p, l, Percent)
	}
}
