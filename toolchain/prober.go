package toolchain

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/kbuild-go/kbuild-go/proc"
	"golang.org/x/sync/errgroup"
)

// ProberConfig configures a Prober.
type ProberConfig struct {
	// CacheDir is the probe cache directory. Empty means DefaultCacheDir(); "off" disables the disk
	// cache (in-process deduplication still applies).
	CacheDir string
	// Jobs bounds how many commands run at once; <= 0 means runtime.NumCPU().
	Jobs int
	// Tools names more command words (e.g. "ccache") to treat as tools under the cacheability rule.
	Tools []string
	// Stderr receives the commands' standard error, replayed for cached results; nil means os.Stderr.
	Stderr io.Writer
	// Debug, when set, receives every cache key's full text as it is computed (like cmd/go's
	// GODEBUG=gocachehash=1).
	Debug io.Writer
}

// DefaultCacheDir is $XDG_CACHE_HOME/kbuild-go/probes, falling back to os.UserCacheDir().
func DefaultCacheDir() (string, error) {
	base := os.Getenv("XDG_CACHE_HOME")
	if base == "" {
		var err error
		if base, err = os.UserCacheDir(); err != nil {
			return "", err
		}
	}
	return filepath.Join(base, "kbuild-go", "probes"), nil
}

// Request is one shell command to run: what $(shell ...) runs, with the environment and directory it
// runs in (nil Env: the process environment; empty Dir: the current directory).
type Request struct {
	Cmd string
	Env []string
	Dir string
}

// Result is the outcome of a Request.
type Result struct {
	Stdout, Stderr string
	// Status is the exit status; 127 when /bin/sh could not be started, -1 when killed.
	Status int
	// Cached says the result came from the disk cache or from an identical command of this process.
	Cached bool
	// Err is set when the command could not be run at all (the context ended, sh missing).
	Err error
}

// Stats counts what a Prober did.
type Stats struct {
	Executed  int64 // commands actually run
	DiskHits  int64 // results read from the disk cache
	Memo      int64 // results shared with an identical earlier or in-flight command of this process
	Uncached  int64 // commands the cacheability rule made run every time
	CacheErrs int64 // failed cache writes (the result is still returned)
}

// Prober runs $(shell ...) commands for the make evaluator and Kconfig, with the compiler probes among
// them run in parallel, deduplicated while in flight, and cached on disk.
//
// A command that passes the cacheability rule (see Cacheable) is keyed by its text, its environment
// minus volatile variables (PWD, OLDPWD, SHLVL, _, TERM, COLUMNS, LINES, MAKEFLAGS, MFLAGS, MAKELEVEL,
// MAKE_TERMOUT, MAKE_TERMERR, DISPLAY, SSH_*, XDG_SESSION_*, TMUX*, WINDOWID, DBUS_SESSION_BUS_ADDRESS),
// and the identity (FileIdentity, or "missing") of every tool it runs — resolved through the PATH of
// that environment — and of every path among the tools' arguments. Identities are computed once per
// Prober. Other commands run every time, as make would run them.
//
// A Prober is safe for concurrent use.
type Prober struct {
	cfg   ProberConfig
	cache *diskCache
	sem   chan struct{}
	extra map[string]bool

	mu       sync.Mutex
	inflight map[string]*probeCall // by key hash; entries stay as the in-process memo
	ids      map[string]string     // FileIdentity by absolute path

	executed, diskHits, memo, uncached, cacheErrs atomic.Int64
}

type probeCall struct {
	done chan struct{}
	res  Result
}

// NewProber returns a Prober for cfg.
func NewProber(cfg ProberConfig) (*Prober, error) {
	if cfg.Jobs <= 0 {
		cfg.Jobs = runtime.NumCPU()
	}
	if cfg.Stderr == nil {
		cfg.Stderr = os.Stderr
	}
	p := &Prober{cfg: cfg, sem: make(chan struct{}, cfg.Jobs), extra: map[string]bool{},
		inflight: map[string]*probeCall{}, ids: map[string]string{}}
	for _, t := range cfg.Tools {
		p.extra[t] = true
	}
	switch cfg.CacheDir {
	case "off":
	case "":
		dir, err := DefaultCacheDir()
		if err != nil {
			return nil, fmt.Errorf("toolchain: probe cache: %w", err)
		}
		p.cache = &diskCache{dir: dir}
	default:
		p.cache = &diskCache{dir: cfg.CacheDir}
	}
	return p, nil
}

// Stats returns the counters so far.
func (p *Prober) Stats() Stats {
	return Stats{Executed: p.executed.Load(), DiskHits: p.diskHits.Load(), Memo: p.memo.Load(),
		Uncached: p.uncached.Load(), CacheErrs: p.cacheErrs.Load()}
}

// Shell runs cmd with /bin/sh -c in dir with env (nil: the process environment) and returns its raw
// standard output and exit status, from the cache when the cacheability rule allows. This is the
// function behind make's $(shell ...) and Kconfig's $(shell,...); MakeShellOutput turns stdout into
// their value. A command that cannot be started yields status 127.
func (p *Prober) Shell(cmd string, env []string, dir string) (stdout string, status int) {
	r := p.Do(context.Background(), Request{Cmd: cmd, Env: env, Dir: dir})
	return r.Stdout, r.Status
}

// Run runs independent requests in parallel, at most Jobs at a time, and returns their results in
// order. It returns the context's error if ctx ended; per-command failures are in Result.Err.
func (p *Prober) Run(ctx context.Context, reqs []Request) ([]Result, error) {
	res := make([]Result, len(reqs))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(p.cfg.Jobs)
	for i := range reqs {
		g.Go(func() error {
			res[i] = p.Do(gctx, reqs[i])
			return nil
		})
	}
	_ = g.Wait() // the goroutines return no errors
	return res, ctx.Err()
}

// Do runs one request (see Shell).
func (p *Prober) Do(ctx context.Context, req Request) Result {
	env := environ(req.Env)
	inputs, err := analyzeCacheable(req.Cmd, p.extra, env)
	if err != nil {
		p.uncached.Add(1)
		return p.exec(ctx, req.Cmd, env, req.Dir)
	}
	key := p.key(req.Cmd, env, req.Dir, inputs)
	hash := hashStrings(key)

	p.mu.Lock()
	if c, ok := p.inflight[hash]; ok {
		p.mu.Unlock()
		select {
		case <-c.done:
		case <-ctx.Done():
			return Result{Status: -1, Err: ctx.Err()}
		}
		p.memo.Add(1)
		r := c.res
		r.Cached = true
		return r // stderr was shown by the first run
	}
	c := &probeCall{done: make(chan struct{})}
	p.inflight[hash] = c
	p.mu.Unlock()

	c.res = p.lookupOrRun(ctx, req, env, key, hash)
	if !stable(c.res) {
		// Not a stable result: let a later identical command run again.
		p.mu.Lock()
		delete(p.inflight, hash)
		p.mu.Unlock()
	}
	close(c.done)
	return c.res
}

func (p *Prober) lookupOrRun(ctx context.Context, req Request, env []string, key, hash string) Result {
	if p.cache != nil {
		if e, ok := p.cache.get(hash, key); ok {
			p.diskHits.Add(1)
			io.WriteString(p.cfg.Stderr, e.Stderr)
			return Result{Stdout: e.Stdout, Stderr: e.Stderr, Status: e.Status, Cached: true}
		}
	}
	r := p.exec(ctx, req.Cmd, env, req.Dir)
	if stable(r) && p.cache != nil {
		if err := p.cache.put(hash, cacheEntry{Key: key, Status: r.Status, Stdout: r.Stdout, Stderr: r.Stderr}); err != nil {
			p.cacheErrs.Add(1)
		}
	}
	return r
}

// stable reports a result a cacheable command gives again while its keyed inputs stay the same: it ran
// to completion with an exit status of its own (not 126 "cannot execute", 127 "not found", or a signal).
func stable(r Result) bool { return r.Err == nil && r.Status >= 0 && r.Status < 126 }

// exec runs cmd under the job limit, copying its standard error to the configured Stderr.
func (p *Prober) exec(ctx context.Context, cmd string, env []string, dir string) Result {
	select {
	case p.sem <- struct{}{}:
	case <-ctx.Done():
		return Result{Status: -1, Err: ctx.Err()}
	}
	defer func() { <-p.sem }()
	p.executed.Add(1)
	var stdout, stderr bytes.Buffer
	status, err := proc.Shell(ctx, "/bin/sh", dir, env, cmd, &stdout, &stderr)
	r := Result{Stdout: stdout.String(), Stderr: stderr.String(), Status: status.Exit()}
	io.WriteString(p.cfg.Stderr, r.Stderr)
	switch {
	case ctx.Err() != nil:
		r.Status, r.Err = -1, ctx.Err()
	case err != nil:
		r.Status, r.Err = 127, err
	}
	return r
}

// volatileEnv reports environment variables left out of cache keys: they change between shells and
// make invocations but no compiler or linker reads them.
func volatileEnv(name string) bool {
	switch name {
	case "PWD", "OLDPWD", "SHLVL", "_", "TERM", "COLUMNS", "LINES", "MAKEFLAGS", "MFLAGS", "MAKELEVEL",
		"MAKE_TERMOUT", "MAKE_TERMERR", "DISPLAY", "WINDOWID", "DBUS_SESSION_BUS_ADDRESS",
		"GOGC", "GOMEMLIMIT", "GODEBUG", "GOMAXPROCS": // read by Go programs, kbuild-go among them; no probe is one
		return true
	}
	return strings.HasPrefix(name, "SSH_") || strings.HasPrefix(name, "XDG_SESSION_") || strings.HasPrefix(name, "TMUX")
}

// key builds the full key text of a cacheable command. Any new influence on a probe's result must be
// added here: the command, its environment, and the identity of each tool and path argument.
func (p *Prober) key(cmd string, env []string, dir string, in *cacheInputs) string {
	var b strings.Builder
	b.WriteString("cmd ")
	b.WriteString(cmd)
	b.WriteString("\n")
	seen := map[string]bool{}
	var envs []string
	for i := len(env) - 1; i >= 0; i-- { // later duplicates win, as in exec
		k, _, _ := strings.Cut(env[i], "=")
		if seen[k] || volatileEnv(k) {
			continue
		}
		seen[k] = true
		envs = append(envs, env[i])
	}
	sort.Strings(envs)
	for _, e := range envs {
		fmt.Fprintf(&b, "env %q\n", e)
	}
	for _, t := range in.tools {
		path, err := LookPath(t, env, dir)
		if err != nil {
			fmt.Fprintf(&b, "tool %s missing\n", t)
			continue
		}
		fmt.Fprintf(&b, "tool %s %s\n", t, p.identity(path))
	}
	for _, a := range in.paths {
		path := a
		if !filepath.IsAbs(path) {
			d := dir
			if d == "" {
				d, _ = os.Getwd()
			}
			path = filepath.Join(d, path)
		}
		fmt.Fprintf(&b, "path %s %s\n", a, p.identity(filepath.Clean(path)))
	}
	if p.cfg.Debug != nil {
		fmt.Fprintf(p.cfg.Debug, "probe key %s:\n%s", hashStrings(b.String())[:16], b.String())
	}
	return b.String()
}

// identity returns FileIdentity(path), or "missing", computed once per Prober.
func (p *Prober) identity(path string) string {
	p.mu.Lock()
	id, ok := p.ids[path]
	p.mu.Unlock()
	if ok {
		return id
	}
	id, err := FileIdentity(path)
	if err != nil {
		id = "missing"
	}
	p.mu.Lock()
	p.ids[path] = id
	p.mu.Unlock()
	return id
}

// CCCrossPrefix is $(call cc-cross-prefix,prefixes): the first prefix whose <prefix>gcc the shell finds
// in PATH, or "" when none.
func (p *Prober) CCCrossPrefix(ctx context.Context, prefixes string, env []string, dir string) string {
	for _, c := range strings.Fields(prefixes) {
		r := p.Do(ctx, Request{Cmd: CCCrossPrefixCommand(c), Env: env, Dir: dir})
		if strings.TrimSpace(r.Stdout) != "" {
			return c
		}
	}
	return ""
}
