package distcc

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestParseHosts(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string // Name Slots Spec; ...
		err  string
	}{
		{in: "127.0.0.2 127.0.0.3/8", want: "127.0.0.2 4 127.0.0.2/4; 127.0.0.3 8 127.0.0.3/8"},
		{in: "  host:4000/3,lzo  ", want: "host:4000 3 host:4000/3,lzo"},
		{in: "host/3:4000", want: "host:4000 3 host:4000/3"}, // distcc's old style
		{in: "[::1]:3633/2", want: "[::1]:3633 2 [::1]:3633/2"},
		{in: "localhost/2 --randomize --localslots=4 b", want: "b 4 b/4"},
		{in: "", want: ""},
		{in: "me@build", err: "SSH hosts are not supported"},
		{in: "a,cpp", err: "pump mode"},
		{in: "a,zstd", err: `unknown option "zstd"`},
		{in: "a/0", err: "not a positive number"},
		{in: "a:99999", err: "not a port number"},
		{in: "a a/2", err: "listed twice"},
		{in: "+zeroconf", err: "zeroconf"},
		{in: "--bogus", err: "unknown option"},
		{in: "a/2/3", err: "given twice"},
	} {
		hosts, err := ParseHosts(tc.in)
		if tc.err != "" {
			if err == nil || !strings.Contains(err.Error(), tc.err) {
				t.Errorf("ParseHosts(%q) = %v, %v; want an error with %q", tc.in, hosts, err, tc.err)
			}
			continue
		}
		if err != nil {
			t.Errorf("ParseHosts(%q): %v", tc.in, err)
			continue
		}
		var got []string
		for _, h := range hosts {
			got = append(got, strings.Join([]string{h.Name, strconv.Itoa(h.Slots), h.Spec}, " "))
		}
		if g := strings.Join(got, "; "); g != tc.want {
			t.Errorf("ParseHosts(%q) = %q, want %q", tc.in, g, tc.want)
		}
	}
}

func TestPool(t *testing.T) {
	now := time.Unix(1000, 0)
	p := NewPool([]Host{{Name: "a", Slots: 2}, {Name: "b", Slots: 1}})
	p.Now = func() time.Time { return now }
	if p.Total() != 3 {
		t.Fatalf("Total %d, want 3", p.Total())
	}
	var slots []*Slot
	for range 3 {
		s := p.TryAcquire()
		if s == nil {
			t.Fatal("no slot while slots are free")
		}
		slots = append(slots, s)
	}
	if s := p.TryAcquire(); s != nil {
		t.Fatalf("a fourth slot on %s", s.Host().Name)
	}
	hosts := map[string]int{}
	for _, s := range slots {
		hosts[s.Host().Name]++
	}
	if hosts["a"] != 2 || hosts["b"] != 1 {
		t.Fatalf("slots by host %v, want a:2 b:1", hosts)
	}
	// b fails to take a compile: it is skipped until its backoff has passed.
	for _, s := range slots {
		switch s.Host().Name {
		case "b":
			s.Done(Fault)
			s.Done(Ran) // a second Done does nothing
		default:
			s.Done(Ran)
		}
	}
	for range 4 {
		s := p.TryAcquire()
		if s == nil || s.Host().Name != "a" {
			t.Fatalf("during b's backoff got %v, want a", s)
		}
		s.Done(Failed)
	}
	now = now.Add(61 * time.Second)
	// After the backoff b takes compiles again.
	sa, sb := p.TryAcquire(), p.TryAcquire()
	if sa == nil || sb == nil || (sa.Host().Name != "b" && sb.Host().Name != "b") {
		t.Fatalf("after the backoff got %v and %v, want b among them", sa, sb)
	}
	sa.Done(Abandoned)
	sb.Done(Abandoned)
	got := p.Counts()
	want := []Count{{Host: "a", OK: 2, Failed: 4}, {Host: "b", Faults: 1}}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Fatalf("Counts %+v, want %+v", got, want)
	}
}

// TestFreed: the channel from Freed is closed by the next release of a slot, whatever its outcome, and
// not before; each release closes the channel asked for before it.
func TestFreed(t *testing.T) {
	p := NewPool([]Host{{Name: "a", Spec: "a/1", Slots: 1}})
	s := p.TryAcquire()
	freed := p.Freed()
	if p.TryAcquire() != nil {
		t.Fatal("a second slot on a one-slot host")
	}
	select {
	case <-freed:
		t.Fatal("Freed's channel closed while the slot is held")
	default:
	}
	s.Done(Fault)
	select {
	case <-freed:
	default:
		t.Fatal("Freed's channel still open after the slot was released")
	}
	next := p.Freed()
	select {
	case <-next:
		t.Fatal("a new Freed channel closed before any release")
	default:
	}
}
