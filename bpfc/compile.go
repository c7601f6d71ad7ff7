package bpfc

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/kbuild-go/kbuild-go/kheaders"
	"github.com/kbuild-go/kbuild-go/proc"
)

// Compile runs the five steps for req — headers, output directory, input, compile (cache lookup first),
// with telemetry around them — and returns the objects. The Result is never nil: its Telemetry is filled
// in on failure too, and sent to the Compiler's sinks. Errors are *Error with their Code.
func (c *Compiler) Compile(ctx context.Context, req Request) (*Result, error) {
	start := time.Now()
	res := &Result{}
	t := &res.Telemetry
	t.Time = start.UTC()
	t.Input = filepath.Base(req.Input)
	t.Mode = req.Mode.String()
	t.HeaderSource = "none"
	err := c.compile(ctx, &req, res)
	t.Durations.Total = time.Since(start)
	if err != nil && ctx.Err() != nil {
		// A killed compiler is the caller's cancellation, not a compile error.
		err = &Error{Code: CodeNotAttempted, Err: fmt.Errorf("%w (%v)", ctx.Err(), err)}
	}
	if err != nil {
		res.Objects = nil // some may exist (another target's, complete and valid), but the request failed
	}
	switch {
	case err != nil:
		t.Code = CodeOf(err)
		var e *Error
		if !errors.As(err, &e) { // every step's error has its code; this is a safety net
			t.Code = CodeCompile
			err = &Error{Code: CodeCompile, Err: err}
		}
		t.Error = err.Error()
	case allCached(res.Objects):
		t.Code = CodeCacheHit
	default:
		t.Code = CodeSuccess
	}
	for _, s := range c.Sinks {
		if serr := s.Record(t); serr != nil {
			c.logf("telemetry: %v", serr)
		}
	}
	return res, err
}

func allCached(objs []Object) bool {
	for _, o := range objs {
		if !o.Cached {
			return false
		}
	}
	return len(objs) > 0
}

func (c *Compiler) logf(format string, args ...any) {
	if c.Log != nil {
		fmt.Fprintf(c.Log, "bpfc: "+format+"\n", args...)
	}
}

func (c *Compiler) cacheDir() (string, error) {
	if c.CacheDir != "" {
		return c.CacheDir, nil
	}
	d, err := os.UserCacheDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "kbuild-go", "bpf"), nil
}

func (c *Compiler) compile(ctx context.Context, req *Request, res *Result) error {
	t := &res.Telemetry
	// Step 1: headers.
	step := time.Now()
	set, err := c.headers(ctx, req, res)
	t.Durations.Headers = time.Since(step)
	if err != nil {
		return err
	}
	res.Headers = set
	if set != nil {
		t.HeaderSource = set.Source.String()
		t.Release = set.Release
	}
	if req.Mode == ModeKernel && set == nil {
		return &Error{Code: CodeHeaderFetch, Err: errors.New("kernel mode needs kernel headers (a header set or header options)")}
	}
	req.Headers = set

	// Step 2: the output directory, and the cache directory for the compilers' identities.
	step = time.Now()
	cacheDir, err := c.cacheDir()
	if err != nil {
		return &Error{Code: CodeOutputDir, Err: err}
	}
	outDir := req.OutputDir
	if outDir == "" {
		outDir = filepath.Join(cacheDir, "obj")
	}
	if outDir, err = filepath.Abs(outDir); err != nil {
		return &Error{Code: CodeOutputDir, Err: err}
	}
	if err := privateDir(outDir); err != nil {
		return err
	}
	if err := privateDir(cacheDir); err != nil {
		return err
	}
	t.Durations.OutputDir = time.Since(step)

	// Step 3: the input.
	step = time.Now()
	in, err := readInput(req.Input, req.SHA256)
	t.Durations.Input = time.Since(step)
	if err != nil {
		return err
	}

	// Step 4: compile, or find in the cache.
	step = time.Now()
	defer func() { t.Durations.Compile = time.Since(step) }()
	arch := req.Arch
	if arch == "" && set != nil {
		arch = set.Arch
	}
	if arch == "" {
		arch = hostArch()
	}
	targets := req.Targets
	if len(targets) == 0 {
		if req.Mode == ModeKernel {
			_, order, err := archTriple(arch)
			if err != nil {
				return &Error{Code: CodeBadRequest, Err: err}
			}
			targets = []Target{order}
		} else {
			targets = []Target{BPFEL, BPFEB}
		}
	}
	for _, tg := range targets {
		t.Targets = append(t.Targets, tg.String())
	}
	clang, err := lookTool(ctx, orDefault(c.Clang, "clang"), cacheDir, req.Mode == ModeKernel)
	if err != nil {
		return err
	}
	var llc *tool
	if req.Mode == ModeKernel {
		if llc, err = lookTool(ctx, orDefault(c.LLC, "llc"), cacheDir, false); err != nil {
			return err
		}
	}
	// Decide every job before running any: a planning error then leaves no compile running.
	jobs := make([]*job, len(targets))
	res.Objects = make([]Object, len(targets))
	for i, tg := range targets {
		j, err := plan(req, in, arch, tg, clang)
		if err != nil {
			return err
		}
		key := cacheKey(req, in, arch, j, clang, llc, c.HashLog)
		jobs[i] = j
		res.Objects[i] = Object{Target: tg, Path: filepath.Join(outDir, stem(in.name)+"-"+key+"."+tg.String()+".o")}
	}
	var g errgroup.Group
	for i, j := range jobs {
		obj := res.Objects[i].Path
		if refreshed, err := checkRecord(obj); err == nil {
			res.Objects[i].Cached = true
			c.logf("%s: cache hit", obj)
			if refreshed != nil {
				c.refresh(obj, refreshed)
			}
			continue
		} else if !errors.Is(err, fs.ErrNotExist) {
			c.logf("%s: cache miss: %v", obj, err)
		}
		g.Go(func() error {
			cached, err := c.build(ctx, j, in, obj, outDir, clang, llc)
			res.Objects[i].Cached = cached
			return err
		})
	}
	return g.Wait()
}

// headers is the headers step: the request's set, or one found by kheaders with the request's options
// (through the Compiler's Finder, so a process searches once per target kernel, as the seed does).
// A search that found candidates but rejected them all for their release or version code is
// CodeVersionMismatch; an unsafe cache directory CodeOutputDir; any other failure CodeHeaderFetch.
func (c *Compiler) headers(ctx context.Context, req *Request, res *Result) (*kheaders.Set, error) {
	if req.Headers != nil || req.HeaderOptions == nil {
		return req.Headers, nil
	}
	opts := *req.HeaderOptions
	if opts.Log == nil && c.Log != nil {
		opts.Log = func(format string, args ...any) { c.logf("headers: "+format, args...) }
	}
	find := kheaders.Find
	if c.Finder != nil {
		find = c.Finder.Find
	}
	kr, err := find(ctx, opts)
	if kr != nil {
		res.Telemetry.HeaderFetch = kr.Fetch.String()
		for _, r := range kr.Rejected {
			res.Rejected = append(res.Rejected, r.String())
		}
	}
	if err == nil && (kr == nil || kr.Set == nil) {
		err = errors.New("kernel headers: the search returned no set")
	}
	if err != nil {
		code := CodeHeaderFetch
		switch {
		case kr != nil && kr.Fetch == kheaders.FetchCacheDirError:
			code = CodeOutputDir
		case kr != nil && kr.Fetch == kheaders.FetchValidationFailure &&
			(errors.Is(err, kheaders.ErrVersionMismatch) || errors.Is(err, kheaders.ErrReleaseMismatch)):
			code = CodeVersionMismatch
		}
		return nil, &Error{Code: code, Err: err}
	}
	return kr.Set, nil
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// build compiles one job into obj under obj's lock. It reports cached when, once it held the lock, it
// found another process had written a valid obj meanwhile. On failure nothing is left behind: the work
// directory goes, and obj is renamed into place only when complete.
func (c *Compiler) build(ctx context.Context, j *job, in *input, obj, outDir string, clang, llc *tool) (cached bool, err error) {
	unlock, err := lockFile(obj + ".lock")
	if err != nil {
		return false, &Error{Code: CodeOutputFile, Err: err}
	}
	defer unlock()
	if _, err := checkRecord(obj); err == nil {
		c.logf("%s: cache hit (written by another compile)", obj)
		return true, nil
	}
	work, err := os.MkdirTemp(outDir, ".work-")
	if err != nil {
		return false, &Error{Code: CodeOutputDir, Err: err}
	}
	defer os.RemoveAll(work)
	if err := os.WriteFile(filepath.Join(work, in.name), in.data, 0o600); err != nil {
		return false, &Error{Code: CodeOutputFile, Err: err}
	}
	start := time.Now()
	if err := c.run(ctx, j, work, clang, llc); err != nil {
		return false, err
	}
	data, err := os.ReadFile(filepath.Join(work, j.out))
	if err != nil {
		return false, &Error{Code: CodeOutputFile, Err: err}
	}
	rec, recOK, err := makeRecord(work, j.dep, in.name, data, start, &c.memo)
	if err != nil {
		return false, &Error{Code: CodeOutputFile, Err: fmt.Errorf("%s: depfile: %w", in.name, err)}
	}
	if err := os.Chmod(filepath.Join(work, j.out), 0o644); err != nil {
		return false, &Error{Code: CodeOutputFile, Err: err}
	}
	if err := os.Rename(filepath.Join(work, j.out), obj); err != nil {
		return false, &Error{Code: CodeOutputFile, Err: err}
	}
	if !recOK {
		c.logf("%s: a header changed during the compile: no cache record", obj)
		os.Remove(obj + ".rec")
		return false, nil
	}
	if err := writeAtomic(obj+".rec", rec); err != nil {
		os.Remove(obj) // holding the lock: no other compile wrote it since
		return false, &Error{Code: CodeOutputFile, Err: err}
	}
	return false, nil
}

// refresh writes back a record whose headers' stat identities changed with their content unchanged.
// It is an optimisation, so it gives way: when another process holds the key's lock (it is compiling
// the key and will write its own record) or anything fails, the old record stays, and the next lookup
// hashes those headers again.
func (c *Compiler) refresh(obj string, rec []byte) {
	unlock, err := tryLockFile(obj + ".lock")
	if err != nil || unlock == nil {
		return
	}
	defer unlock()
	if err := writeAtomic(obj+".rec", rec); err != nil {
		c.logf("%s: record refresh: %v", obj, err)
		return
	}
	c.logf("%s: record refreshed (headers touched, unchanged)", obj)
}

// run runs the job's commands in work: clang alone, or clang's bitcode piped into llc (ModeKernel).
func (c *Compiler) run(ctx context.Context, j *job, work string, clang, llc *tool) error {
	// Each program runs through proc (its own process group, stopped with SIGINT then SIGKILL when ctx
	// is cancelled). ModeKernel's bitcode goes from clang to llc through memory: a BPF object's bitcode
	// is small, and clang's failure is then known before llc starts.
	cc := exec.Command(clang.Path, j.clang...)
	cc.Dir, cc.Env = work, compileEnv(work)
	var ccErr, llErr, bitcode bytes.Buffer
	cc.Stderr = &ccErr
	c.logf("(cd %s && %s %s)", work, clang.Path, strings.Join(j.clang, " "))
	if llc != nil {
		cc.Stdout = &bitcode
	}
	if err := proc.Run(ctx, cc); err != nil {
		return runErr(clang.Path, j, err, ccErr.String())
	}
	if llc == nil {
		return nil
	}
	lc := exec.Command(llc.Path, j.llc...)
	lc.Dir, lc.Env = work, compileEnv(work)
	lc.Stdin, lc.Stderr = &bitcode, &llErr
	c.logf("  | %s %s", llc.Path, strings.Join(j.llc, " "))
	if err := proc.Run(ctx, lc); err != nil {
		return runErr(llc.Path, j, err, ccErr.String()+llErr.String())
	}
	return nil
}

// runErr classifies a compiler failure: a program that could not start is CodeCompilerMissing, one that
// ran and failed is CodeCompile with its diagnostics as Output.
func runErr(prog string, j *job, err error, output string) error {
	var ee *exec.ExitError
	if errors.As(err, &ee) {
		return &Error{Code: CodeCompile, Output: output,
			Err: fmt.Errorf("compile failed (%s): %s %v", j.target, filepath.Base(prog), err)}
	}
	return &Error{Code: CodeCompilerMissing, Err: fmt.Errorf("%s: %w", prog, err)}
}
