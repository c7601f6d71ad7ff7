package distcc

import (
	"sync"
	"time"
)

// Pool hands out remote slots: each host takes its Slots compiles at once, and a host whose attempt
// failed (refused, timed out, died) is skipped for Backoff, as distcc's own client skips it for
// DISTCC_BACKOFF_PERIOD. It is safe for concurrent use.
type Pool struct {
	// Backoff is how long a failed host is skipped; 0 means 60 s (distcc's default).
	Backoff time.Duration
	// Now is the clock (tests); nil means time.Now.
	Now func() time.Time

	mu    sync.Mutex
	hosts []*hostState
	next  int
	freed chan struct{} // closed by the next Done; nil until Freed asks for it
}

type hostState struct {
	Host
	busy               int
	skipUntil          time.Time
	ok, failed, faults int
}

// NewPool makes a pool of hosts.
func NewPool(hosts []Host) *Pool {
	p := &Pool{}
	for _, h := range hosts {
		p.hosts = append(p.hosts, &hostState{Host: h})
	}
	return p
}

// Total is the number of remote slots of all hosts.
func (p *Pool) Total() int {
	n := 0
	for _, h := range p.hosts {
		n += h.Slots
	}
	return n
}

// Slot is one compile's hold on a host.
type Slot struct {
	p    *Pool
	h    *hostState
	done bool
}

// Host is the host the slot is on.
func (s *Slot) Host() Host { return s.h.Host }

// TryAcquire returns a free slot on a host that is not being skipped, or nil when there is none. Hosts
// take turns, the least busy first.
func (p *Pool) TryAcquire() *Slot {
	p.mu.Lock()
	defer p.mu.Unlock()
	now := p.now()
	var best *hostState
	bestIdx := 0
	for i := range p.hosts {
		idx := (p.next + i) % len(p.hosts)
		h := p.hosts[idx]
		if h.busy >= h.Slots || now.Before(h.skipUntil) {
			continue
		}
		// Least busy relative to its size.
		if best == nil || h.busy*best.Slots < best.busy*h.Slots {
			best, bestIdx = h, idx
		}
	}
	if best == nil {
		return nil
	}
	p.next = (bestIdx + 1) % len(p.hosts)
	best.busy++
	return &Slot{p: p, h: best}
}

// Freed returns a channel that is closed when a slot is next released: a caller that found no free slot
// asks for it before TryAcquire and waits on it, so a release between the two is not missed.
func (p *Pool) Freed() <-chan struct{} {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.freed == nil {
		p.freed = make(chan struct{})
	}
	return p.freed
}

// Outcome is how a remote attempt ended.
type Outcome uint8

const (
	// Ran: the compile ran on the host and succeeded.
	Ran Outcome = iota
	// Failed: the compiler failed there (the host is fine; the caller runs the compile again here).
	Failed
	// Fault: the host could not take it (refused, timed out, lost): it is skipped for Backoff.
	Fault
	// Abandoned: the attempt was stopped from this side (the build was cancelled); nothing is counted.
	Abandoned
)

// Done releases the slot with the attempt's outcome. A second call does nothing.
func (s *Slot) Done(o Outcome) {
	p := s.p
	p.mu.Lock()
	defer p.mu.Unlock()
	if s.done {
		return
	}
	s.done = true
	s.h.busy--
	if p.freed != nil {
		close(p.freed)
		p.freed = nil
	}
	switch o {
	case Ran:
		s.h.ok++
	case Failed:
		s.h.failed++
	case Fault:
		s.h.faults++
		backoff := p.Backoff
		if backoff <= 0 {
			backoff = 60 * time.Second
		}
		s.h.skipUntil = p.now().Add(backoff)
	}
}

func (p *Pool) now() time.Time {
	if p.Now != nil {
		return p.Now()
	}
	return time.Now()
}

// Count is what one host did in a build.
type Count struct {
	Host   string
	OK     int // compiles that ran there
	Failed int // compiles the compiler failed there (each then run here)
	Faults int // attempts the host could not take (each then run here)
}

// Counts returns each host's count, in the order of the host list.
func (p *Pool) Counts() []Count {
	p.mu.Lock()
	defer p.mu.Unlock()
	out := make([]Count, 0, len(p.hosts))
	for _, h := range p.hosts {
		out = append(out, Count{Host: h.Name, OK: h.ok, Failed: h.failed, Faults: h.faults})
	}
	return out
}
