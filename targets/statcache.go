package targets

import (
	"io/fs"
	"sync"

	"github.com/kbuild-go/kbuild-go/dag"
	"github.com/kbuild-go/kbuild-go/makelang"
	"github.com/kbuild-go/kbuild-go/toolchain"
)

// statCache is the file system every makefile scope reads through. It remembers Stat and ReadDir answers
// until something may have changed the tree: a command finished (a dag event), a $(shell) command that is
// not a pure probe ran, or $(file) wrote. On a no-op build of the kernel the ~340 scopes ask for the same
// headers, sources and .cmd files over and over (every object's deps_ list is a rule's prerequisites,
// resolved through VPATH): a third of the run was stat calls.
//
// A scope evaluated while a command runs may see a file as it was before that command's end, exactly as
// it would have had it looked a moment earlier; nothing orders the two anyway, in make or here.
type statCache struct {
	base makelang.FS
	mu   sync.Mutex
	gen  uint64 // counts flushes: an answer computed across one is not stored
	st   map[string]statAnswer
	dirs map[string]dirAnswer
	// in, when set, notes every answer the tree gave (a run that records its evaluation's inputs).
	in *evalInputs
}

type statAnswer struct {
	fi  fs.FileInfo
	err error
}

type dirAnswer struct {
	ents []fs.DirEntry
	err  error
}

func newStatCache() *statCache {
	return &statCache{base: makelang.OSFS{}, st: map[string]statAnswer{}, dirs: map[string]dirAnswer{}}
}

// Stat implements makelang.FS.
func (c *statCache) Stat(name string) (fs.FileInfo, error) {
	a := remember(c, c.st, name, func() statAnswer {
		fi, err := c.base.Stat(name)
		if c.in != nil {
			c.in.stat(name, fi, err)
		}
		return statAnswer{fi, err}
	})
	return a.fi, a.err
}

// ReadDir implements makelang.FS.
func (c *statCache) ReadDir(name string) ([]fs.DirEntry, error) {
	a := remember(c, c.dirs, name, func() dirAnswer {
		ents, err := c.base.ReadDir(name)
		if c.in != nil {
			c.in.dir(name, ents, err)
		}
		return dirAnswer{ents, err}
	})
	return a.ents, a.err
}

// remember returns m[name], computing it first if missing; c.mu guards m, not the computation. The answer
// is stored only if no flush happened meanwhile: it may predate the change the flush announced.
func remember[T any](c *statCache, m map[string]T, name string, compute func() T) T {
	c.mu.Lock()
	a, ok := m[name]
	gen := c.gen
	c.mu.Unlock()
	if ok {
		return a
	}
	a = compute()
	c.mu.Lock()
	if c.gen == gen {
		m[name] = a
	}
	c.mu.Unlock()
	return a
}

// ReadFile implements makelang.FS; contents are not cached here (makelang.Cache keeps parsed makefiles).
func (c *statCache) ReadFile(name string) ([]byte, error) {
	if c.in != nil {
		c.in.file(name)
	}
	return c.base.ReadFile(name)
}

// EvalSymlinks implements makelang.SymlinkFS.
func (c *statCache) EvalSymlinks(name string) (string, error) {
	r, err := c.base.(makelang.SymlinkFS).EvalSymlinks(name)
	if c.in != nil {
		c.in.link(name, r, err)
	}
	return r, err
}

// WriteFile implements makelang.WriteFS ($(file >name,...)).
func (c *statCache) WriteFile(name string, data []byte, appendTo bool) error {
	if c.in != nil && c.in.muted.Load() {
		c.in.mutedShell.Store(true) // as for $(shell): not for a recipe make would not have expanded
		return fs.ErrPermission
	}
	defer c.Flush()
	if c.in != nil {
		c.in.wrote(name)
	}
	return c.base.(makelang.WriteFS).WriteFile(name, data, appendTo)
}

// Flush forgets every answer.
func (c *statCache) Flush() {
	c.mu.Lock()
	c.gen++
	clear(c.st)
	clear(c.dirs)
	c.mu.Unlock()
}

// shell wraps a $(shell) runner: a command that may write files (anything but a pure probe, see
// toolchain.Cacheable) flushes the cache after it ran.
func (c *statCache) shell(run func(cmd string, env []string, dir string) (string, int)) func(string, []string, string) (string, int) {
	return func(cmd string, env []string, dir string) (string, int) {
		if c.in != nil && c.in.muted.Load() {
			// A recipe expanded only for the cached graph's record: make would not have expanded it,
			// so its $(shell) must not run; the record does without this plan.
			c.in.mutedShell.Store(true)
			return "", 127
		}
		var out string
		var status int
		if run != nil {
			out, status = run(cmd, env, dir)
		} else {
			out, status = makelang.DefaultShell(cmd, env, dir)
		}
		if c.in != nil {
			c.in.shell(cmd, env, dir, out, status)
		}
		if ok, _ := toolchain.Cacheable(cmd); !ok {
			c.Flush()
		}
		return out, status
	}
}

// flushingPrinter flushes the cache whenever a command ends, then passes the event on.
type flushingPrinter struct {
	dag.Printer
	c *statCache
}

func (p flushingPrinter) Print(ev dag.Event) {
	if ev.Kind == dag.EventFinish || ev.Kind == dag.EventFail {
		p.c.Flush()
	}
	p.Printer.Print(ev)
}
