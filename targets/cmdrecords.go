package targets

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/kbuild-go/kbuild-go/cmdfile"
	"github.com/kbuild-go/kbuild-go/dag"
)

// Native .cmd records (KBUILD_GO_CMD_RECORDS=1, off by default until the e2e has run with it): the .cmd
// files Makefile.build -includes are not evaluated as makefiles; each scope notes which ones it would have
// read (makelang Options.Include), and a target's record (saved command and fixdep's dependencies, the
// $(wildcard) touch files only while they exist) is read with cmdfile.Read when dag asks for it. The
// dependencies become the edge's record dependencies (dag's implicit inputs) instead of make rules. This is
// the record half of the cached graph (docs/GRAPH-CACHE.md): a .cmd file that a build rewrites no longer
// changes what evaluation saw.

// cmdRecords reports whether native .cmd records are on.
func cmdRecords(env []string) bool { return environ(env).get("KBUILD_GO_CMD_RECORDS") == "1" }

// isCmdFile reports whether path is a Kbuild record file: dir/.name.cmd.
func isCmdFile(path string) bool {
	b := filepath.Base(path)
	return strings.HasPrefix(b, ".") && strings.HasSuffix(b, ".cmd") && len(b) > len("..cmd")
}

// cmdFileCache holds parsed .cmd files by path, re-read when size or mtime changes (a build rewrites
// them).
type cmdFileCache struct {
	mu    sync.Mutex
	files map[string]*cmdFileEntry
	taken map[string]bool
}

type cmdFileEntry struct {
	size  int64
	mtime time.Time
	rec   *cmdfile.Record
	err   error
}

func (c *cmdFileCache) read(path string) (*cmdfile.Record, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	if e := c.files[path]; e != nil && e.size == st.Size() && e.mtime.Equal(st.ModTime()) {
		c.mu.Unlock()
		return e.rec, e.err
	}
	c.mu.Unlock()
	// Read and parse without the lock: the cached graph's prefetch does this on every core.
	e := &cmdFileEntry{size: st.Size(), mtime: st.ModTime()}
	data, err := os.ReadFile(path)
	if err == nil {
		e.rec, e.err = cmdfile.Read(data)
	} else {
		e.err = err
	}
	c.mu.Lock()
	if c.files == nil {
		c.files = map[string]*cmdFileEntry{}
	}
	c.files[path] = e
	c.mu.Unlock()
	return e.rec, e.err
}

// take is read for a record that is loaded once (a cached graph's): the parsed record is not kept, and
// a later prefetch of it does nothing.
func (c *cmdFileCache) take(path string) (*cmdfile.Record, error) {
	rec, err := c.read(path)
	c.mu.Lock()
	delete(c.files, path)
	if c.taken == nil {
		c.taken = map[string]bool{}
	}
	c.taken[path] = true
	c.mu.Unlock()
	return rec, err
}

// prefetch parses path into the cache ahead of its take, unless it was taken already.
func (c *cmdFileCache) prefetch(path string) {
	c.mu.Lock()
	done := c.taken[path]
	c.mu.Unlock()
	if !done {
		c.read(path)
	}
}

// dotCmd is the .cmd file of a target as the scope names it: $(dir $@).$(notdir $@).cmd.
func (sc *scope) dotCmd(name string) string {
	a := sc.abs(name)
	return filepath.Join(filepath.Dir(a), "."+filepath.Base(a)+".cmd")
}

// nativeRecord is the record make would have from the .cmd file of name in this scope: only when the
// scope's makefiles included that file, and only under the spelling the file saved it (make reads
// $(savedcmd_$@) by the target's name as the scope spells it).
func (sc *scope) nativeRecord(name string) (dag.Record, bool, error) {
	p := sc.dotCmd(name)
	if _, ok := sc.cmdFiles.Load(p); !ok {
		return dag.Record{}, false, nil
	}
	rec, err := sc.d.cmdCache.read(p)
	if err != nil {
		// A .cmd file this grammar does not know: the caller falls back to no record, which rebuilds
		// (make would read it); say so under KBUILD_GO_DEBUG.
		if sc.d.debug {
			fmt.Fprintf(sc.d.errw, "kbuild-go: debug: %s: %v\n", p, err)
		}
		return dag.Record{}, false, nil
	}
	if rec.Target != name || rec.Prefix != sc.prefix() || strings.TrimSpace(rec.Command) == "" {
		return dag.Record{}, false, nil
	}
	// The saved command is also a variable of the scope, as the included file made it: the tree's own
	// Kbuild text reads $(savedcmd_$@) (V=2's why). Its first line is exactly that assignment.
	sc.mu.Lock()
	_, _, _, defined := sc.s.Lookup(rec.Prefix + name)
	if !defined {
		err = sc.s.EvalString(p, rec.Prefix+name+" := "+cmdfile.Escape(rec.Command))
	}
	sc.mu.Unlock()
	if err != nil {
		return dag.Record{}, false, nil
	}
	return dag.Record{Command: rec.Command, Deps: recordDeps(rec.Deps, sc.dir, sc.d.fs, nil)}, true, nil
}

// recordDeps are a record's dependencies as dag takes them: paths from dir, a $(wildcard) entry only while
// its file exists (stat'd through the stat cache: records name the same include/config/ files again and
// again). keep, when set, gives the string to keep for each path (an interned copy).
func recordDeps(deps []cmdfile.Dep, dir string, fs *statCache, keep func(string) string) []string {
	var out []string
	for _, d := range deps {
		a := d.Path
		if filepath.IsAbs(a) {
			a = filepath.Clean(a)
		} else {
			a = filepath.Join(dir, a)
		}
		if d.IfExists {
			if _, err := fs.Stat(a); err != nil {
				continue
			}
		}
		if keep != nil {
			a = keep(a)
		}
		out = append(out, a)
	}
	return out
}

// prefix is savedPrefix under the scope's lock.
func (sc *scope) prefix() string {
	sc.mu.Lock()
	defer sc.mu.Unlock()
	return sc.savedPrefix()
}
