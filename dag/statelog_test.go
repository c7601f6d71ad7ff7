package dag

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"
)

func TestStateLog(t *testing.T) {
	open := func(t *testing.T, path string) *StateLog {
		t.Helper()
		l, err := OpenStateLog(path)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { l.Close() })
		return l
	}
	t.Run("round trip, later records win", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "log")
		l := open(t, p)
		l.Save("a.o", Record{Command: "cc v1", Deps: []string{"a.c"}, Duration: time.Second})
		l.Save("a.o", Record{Command: "cc v2", Deps: []string{"a.c", "a.h"}, Duration: 2 * time.Second})
		l.Save("b.o", Record{Command: "cc b"})
		l.Close()
		l = open(t, p)
		rec, ok, _ := l.Load("a.o")
		want := Record{Hash: KeyHash("cc v2"), Deps: []string{"a.c", "a.h"}, Duration: 2 * time.Second}
		if !ok || !reflect.DeepEqual(rec, want) {
			t.Fatalf("a.o = %+v, %v; want %+v", rec, ok, want)
		}
		if d, ok := l.Duration("b.o"); !ok || d != 0 {
			t.Errorf("b.o duration %v %v", d, ok)
		}
	})
	t.Run("torn tail is cut back to the last good record", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "log")
		l := open(t, p)
		l.Save("a.o", Record{Command: "cc a"})
		l.Save("b.o", Record{Command: "cc b"})
		l.Close()
		fi, _ := os.Stat(p)
		good := fi.Size()
		f, _ := os.OpenFile(p, os.O_WRONLY|os.O_APPEND, 0)
		f.Write(encodeStateRecord("c.o", Record{Hash: 7})[:9]) // a crash mid-append
		f.Close()
		l = open(t, p)
		if torn, restarted := l.Recovered(); torn != 9 || restarted {
			t.Errorf("recovered %d bytes, restarted %v", torn, restarted)
		}
		if l.Len() != 2 {
			t.Errorf("len %d", l.Len())
		}
		if fi, _ := os.Stat(p); fi.Size() != good {
			t.Errorf("size %d, want %d", fi.Size(), good)
		}
		l.Save("c.o", Record{Command: "cc c"})
		l.Close()
		if l = open(t, p); l.Len() != 3 {
			t.Errorf("after append past a recovered tail: len %d", l.Len())
		}
	})
	t.Run("corrupt checksum ends the log", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "log")
		l := open(t, p)
		l.Save("a.o", Record{Command: "cc a"})
		l.Save("b.o", Record{Command: "cc b"})
		l.Close()
		data, _ := os.ReadFile(p)
		data[len(data)-1] ^= 0xff
		os.WriteFile(p, data, 0o666)
		if l = open(t, p); l.Len() != 1 {
			t.Errorf("len %d, want 1", l.Len())
		}
	})
	t.Run("version mismatch starts over", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "log")
		l := open(t, p)
		l.Save("a.o", Record{Command: "cc a"})
		l.Close()
		data, _ := os.ReadFile(p)
		data[len(stateLogMagic)] = stateLogVersion + 1
		os.WriteFile(p, data, 0o666)
		l = open(t, p)
		if _, restarted := l.Recovered(); !restarted || l.Len() != 0 {
			t.Errorf("restarted %v, len %d", restarted, l.Len())
		}
		l.Save("b.o", Record{Command: "cc b"})
		l.Close()
		if l = open(t, p); l.Len() != 1 {
			t.Errorf("len %d", l.Len())
		}
	})
	t.Run("compaction keeps the last record of each output", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "log")
		l := open(t, p)
		for i := range 50 {
			l.Save("a.o", Record{Command: "cc a", Duration: time.Duration(i)})
		}
		l.Save("b.o", Record{Command: "cc b"})
		before, _ := os.Stat(p)
		if err := l.Compact(); err != nil {
			t.Fatal(err)
		}
		after, _ := os.Stat(p)
		if after.Size() >= before.Size() {
			t.Errorf("not smaller: %d >= %d", after.Size(), before.Size())
		}
		l.Save("c.o", Record{Command: "cc c"}) // appends to the new file
		l.Close()
		l = open(t, p)
		if d, _ := l.Duration("a.o"); d != 49 || l.Len() != 3 {
			t.Errorf("a.o duration %v, len %d", d, l.Len())
		}
	})
	t.Run("two processes: appends after the other's compaction are kept", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "log")
		a, b := open(t, p), open(t, p)
		a.Save("a.o", Record{Command: "cc a"})
		b.Save("b.o", Record{Command: "cc b"})
		if err := a.Compact(); err != nil { // replaces the file b has open
			t.Fatal(err)
		}
		b.Save("c.o", Record{Command: "cc c"}) // must notice and reopen
		a.Close()
		b.Close()
		l := open(t, p)
		for _, o := range []string{"a.o", "b.o", "c.o"} {
			if _, ok, _ := l.Load(o); !ok {
				t.Errorf("%s lost", o)
			}
		}
	})
	t.Run("two processes appending and compacting concurrently", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "log")
		a, b := open(t, p), open(t, p)
		var wg sync.WaitGroup
		for w, l := range []*StateLog{a, b} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for i := range 200 {
					if err := l.Save(fmt.Sprintf("w%d/%d.o", w, i), Record{Command: "cc", Deps: []string{"x.h"}}); err != nil {
						t.Error(err)
						return
					}
					if i%50 == 49 {
						if err := l.Compact(); err != nil {
							t.Error(err)
							return
						}
					}
				}
			}()
		}
		wg.Wait()
		a.Close()
		b.Close()
		l := open(t, p)
		if torn, restarted := l.Recovered(); torn != 0 || restarted {
			t.Errorf("log damaged: torn %d, restarted %v", torn, restarted)
		}
		if l.Len() != 400 {
			t.Errorf("len %d, want 400", l.Len())
		}
	})
	t.Run("as Records: a no-op build after reopening", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "log")
		h := newHarness(t)
		h.prog()
		h.cfg.Records = nil
		h.cfg.Log = open(t, p)
		h.mustBuild([]string{"a.o", "b.o", "prog"}, "prog")
		h.cfg.Log.Close()
		h.cfg.Log = open(t, p)
		h.mustBuild(nil, "prog")
		h.g.Node("a.o").Producer().Plan = func(*PlanContext) (*Command, error) {
			return &Command{Key: "cc -O2 -o a.o a.c", Check: CheckCommand}, nil
		}
		h.mustBuild([]string{"a.o", "prog"}, "prog")
		h.wantWhy("a.o", "- due to command line change")
	})
}
