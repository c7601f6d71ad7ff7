package targets

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
)

// evalInputs is everything the evaluation of a run read, as it was when it was read: the half of a cached
// graph's record that says whether the graph still holds (docs/GRAPH-CACHE.md). Every read goes through
// one of the statCache's methods, the $(shell) wrapper, or the driver's own stats (upToDate, ensure), and
// each of those calls note here.
//
// What counts of a file depends on how it was read: a makefile (or $(file <)) by its identity (size, mtime,
// inode: an edit changes one), a stat by existence and kind only (evaluation never compares the mtimes of
// what it stats, except make's remake check, which notes its mtimes itself), a directory by its names.
type evalInputs struct {
	mu     sync.Mutex
	Files  map[string]fileSig
	Stats  map[string]uint8
	Dirs   map[string]string
	MTimes map[string]int64
	Links  map[string]string // $(realpath) answers ("\x00" for an error)
	Shells []shellRun
	seen   map[string]bool // shell runs by cmd, dir and environment
	// Conflict is the first path read twice with different answers in one run: the evaluation then
	// depended on what the build did meanwhile, and no cached graph is written from it.
	Conflict string
	// Wrote is set when evaluation wrote a file ($(file >)): a cached graph would not write it.
	Wrote string
	// muted: recipes are being expanded for the record only; mutedShell: one of them ran $(shell).
	muted, mutedShell atomic.Bool
}

// fileSig identifies a file's content as a stat sees it; Size -1 is a missing file.
type fileSig struct {
	Size, MTime int64
	Ino         uint64
}

// shellRun is one $(shell) command and what it printed; Env indexes the record's environments.
type shellRun struct {
	Cmd, Dir string
	Env      int32
	Out      string
	Status   int
	env      []string
}

const (
	statMissing uint8 = iota
	statFile
	statDir
	statOther
)

func newEvalInputs() *evalInputs {
	return &evalInputs{Files: map[string]fileSig{}, Stats: map[string]uint8{}, Dirs: map[string]string{},
		MTimes: map[string]int64{}, Links: map[string]string{}, seen: map[string]bool{}}
}

func sigOf(fi fs.FileInfo, err error) fileSig {
	if err != nil {
		return fileSig{Size: -1}
	}
	sig := fileSig{Size: fi.Size(), MTime: fi.ModTime().UnixNano()}
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		sig.Ino = st.Ino
	}
	return sig
}

func kindOf(fi fs.FileInfo, err error) uint8 {
	switch {
	case err != nil && errors.Is(err, fs.ErrNotExist):
		return statMissing
	case err != nil:
		return statOther
	case fi.IsDir():
		return statDir
	case fi.Mode().IsRegular():
		return statFile
	}
	return statOther
}

func (in *evalInputs) conflict(what, p string) {
	if in.Conflict == "" {
		in.Conflict = what + " " + p
	}
}

// file notes a makefile read whole.
func (in *evalInputs) file(p string) {
	sig := sigOf(os.Stat(p))
	in.mu.Lock()
	defer in.mu.Unlock()
	if old, ok := in.Files[p]; ok && old != sig {
		in.conflict("file", p)
	}
	in.Files[p] = sig
}

func (in *evalInputs) stat(p string, fi fs.FileInfo, err error) {
	k := kindOf(fi, err)
	in.mu.Lock()
	defer in.mu.Unlock()
	if old, ok := in.Stats[p]; ok && old != k {
		in.conflict("stat", p)
	}
	in.Stats[p] = k
}

func (in *evalInputs) dir(p string, ents []fs.DirEntry, err error) {
	v := dirNames(ents, err)
	in.mu.Lock()
	defer in.mu.Unlock()
	if old, ok := in.Dirs[p]; ok && old != v {
		in.conflict("directory", p)
	}
	in.Dirs[p] = v
}

func dirNames(ents []fs.DirEntry, err error) string {
	if err != nil {
		return "\x00error"
	}
	names := make([]string, len(ents))
	for i, e := range ents {
		names[i] = e.Name()
	}
	slices.Sort(names)
	return strings.Join(names, "\n")
}

func linkAnswer(r string, err error) string {
	if err != nil {
		return "\x00"
	}
	return r
}

// link notes a $(realpath) answer.
func (in *evalInputs) link(p, r string, err error) {
	v := linkAnswer(r, err)
	in.mu.Lock()
	defer in.mu.Unlock()
	if old, ok := in.Links[p]; ok && old != v {
		in.conflict("realpath of", p)
	}
	in.Links[p] = v
}

// mtime notes a stat whose modification time a decision compared (make's remake check).
func (in *evalInputs) mtime(p string) {
	v := int64(-1)
	if fi, err := os.Stat(p); err == nil {
		v = fi.ModTime().UnixNano()
	}
	in.mu.Lock()
	defer in.mu.Unlock()
	if old, ok := in.MTimes[p]; ok && old != v {
		in.conflict("mtime of", p)
	}
	in.MTimes[p] = v
}

func (in *evalInputs) shell(cmd string, env []string, dir, out string, status int) {
	key := cmd + "\x00" + dir + "\x00" + strings.Join(env, "\x00")
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.seen[key] {
		return
	}
	in.seen[key] = true
	in.Shells = append(in.Shells, shellRun{Cmd: cmd, Dir: dir, Out: out, Status: status, env: env})
}

func (in *evalInputs) wrote(p string) {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.Wrote == "" {
		in.Wrote = p
	}
}

// changed returns the first input that no longer reads as it was recorded ("" when none): files by
// stat, directories by their names, $(shell) commands by running them again through shell.
func (in *evalInputs) changed(envs [][]string, shell func(cmd string, env []string, dir string) (string, int)) string {
	for _, p := range sortedKeys(in.Files) {
		if sigOf(os.Stat(p)) != in.Files[p] {
			return p
		}
	}
	for _, p := range sortedKeys(in.MTimes) {
		v := int64(-1)
		if fi, err := os.Stat(p); err == nil {
			v = fi.ModTime().UnixNano()
		}
		if v != in.MTimes[p] {
			return p + " (its modification time)"
		}
	}
	for _, p := range sortedKeys(in.Stats) {
		if kindOf(os.Stat(p)) != in.Stats[p] {
			return p
		}
	}
	for _, p := range sortedKeys(in.Links) {
		if linkAnswer(filepath.EvalSymlinks(p)) != in.Links[p] {
			return p + " (where it leads)"
		}
	}
	for _, p := range sortedKeys(in.Dirs) {
		if dirNames(os.ReadDir(p)) != in.Dirs[p] {
			return p + "/ (its entries)"
		}
	}
	for _, s := range in.Shells {
		if !s.same(envs, shell) {
			return fmt.Sprintf("$(shell %s) in %s", s.Cmd, s.Dir)
		}
	}
	return ""
}

// same runs the recorded $(shell) command again (envs: the record's environments, which s.Env indexes)
// and reports whether it prints what it printed and exits as it did.
func (s shellRun) same(envs [][]string, shell func(cmd string, env []string, dir string) (string, int)) bool {
	var env []string
	if s.Env >= 0 && int(s.Env) < len(envs) {
		env = envs[s.Env]
	}
	out, status := shell(s.Cmd, env, s.Dir)
	return out == s.Out && status == s.Status
}

// watched are the recorded inputs a build may rewrite, as they are now: makefiles read whole, the remake
// check's mtimes, and the files a $(shell) command names (`cat include/config/kernel.release`). A cached
// run that sees one of them change after a command stops and evaluates again, since the evaluation would
// have read it after that command; for a file only $(shell)s name, when one of them prints otherwise.
func (in *evalInputs) watched() map[string]*watched {
	w := map[string]*watched{}
	for p := range in.Files {
		w[p] = &watched{}
	}
	for p := range in.MTimes {
		w[p] = &watched{}
	}
	shells := map[string][]int{}
	for i, s := range in.Shells {
		for _, f := range strings.Fields(s.Cmd) {
			if strings.ContainsAny(f, "$`'\"*?<>|;&()") || strings.HasPrefix(f, "-") {
				continue
			}
			if !filepath.IsAbs(f) {
				f = filepath.Join(s.Dir, f)
			}
			f = filepath.Clean(f)
			if n := len(shells[f]); n == 0 || shells[f][n-1] != i {
				shells[f] = append(shells[f], i)
			}
		}
	}
	for p, idx := range shells {
		if w[p] == nil {
			w[p] = &watched{shells: idx}
		}
	}
	for p, x := range w {
		x.sig = sigOf(os.Stat(p))
	}
	return w
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

// stat is os.Stat for a decision of the evaluation about existence, noted when the run records.
func (d *driver) stat(p string) (fs.FileInfo, error) {
	fi, err := os.Stat(p)
	if d.fs.in != nil {
		d.fs.in.stat(p, fi, err)
	}
	return fi, err
}

// statMTime is os.Stat for a decision that compares modification times (make's remake check).
func (d *driver) statMTime(p string) (fs.FileInfo, error) {
	fi, err := os.Stat(p)
	if d.fs.in != nil {
		d.fs.in.mtime(p)
	}
	return fi, err
}
