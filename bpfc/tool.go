package bpfc

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/kbuild-go/kbuild-go/proc"
)

// tool is a compiler program (clang or llc) and its identity for the cache key.
//
// The identity is the resolved path, the size, mtime and inode of the file it runs (symlinks followed:
// a Debian alternatives switch changes the target), and the program's --version output. Running
// --version costs a process (~10 ms), far too much for a cache hit, so the output is itself cached in
// the cache directory under a hash of path, size, mtime and inode: a replaced or touched program (a
// wrapper script edited in place) gets a new record and so a new identity.
type tool struct {
	Path        string `json:"path"`
	Stat        string `json:"stat"`
	Version     string `json:"version"`
	ResourceDir string `json:"resource_dir,omitempty"` // clang's builtin headers (stddef.h, ...), kernel mode's -isystem
	ID          string `json:"-"`                      // sha256 of all the above
}

// toolRecordVersion is the format of the records in CACHE/tools/; a change of format changes the names.
const toolRecordVersion = "bpfc-tool-v1"

// lookTool resolves name and returns its identity, from the record in cacheDir when one is there. Run
// errors and missing programs are CodeCompilerMissing.
func lookTool(ctx context.Context, name, cacheDir string, wantResourceDir bool) (*tool, error) {
	fail := func(err error) (*tool, error) { return nil, &Error{Code: CodeCompilerMissing, Err: err} }
	p, err := exec.LookPath(name)
	if err != nil {
		return fail(err)
	}
	if p, err = filepath.Abs(p); err != nil {
		return fail(err)
	}
	st, err := os.Stat(p)
	if err != nil {
		return fail(err)
	}
	var ino uint64
	if sys, ok := st.Sys().(*syscall.Stat_t); ok {
		ino = sys.Ino
	}
	t := &tool{Path: p, Stat: fmt.Sprintf("size=%d mtime=%d ino=%d mode=%o", st.Size(), st.ModTime().UnixNano(), ino, st.Mode())}
	sum := sha256.Sum256([]byte(toolRecordVersion + "\x00" + t.Path + "\x00" + t.Stat))
	rec := filepath.Join(cacheDir, "tools", hex.EncodeToString(sum[:16])+".json")
	if b, err := os.ReadFile(rec); err == nil {
		var got tool
		if json.Unmarshal(b, &got) == nil && got.Path == t.Path && got.Stat == t.Stat &&
			(!wantResourceDir || got.ResourceDir != "") {
			got.ID = got.id()
			return &got, nil
		}
	}
	out, err := runQuiet(ctx, p, "--version")
	if err != nil {
		return fail(fmt.Errorf("%s --version: %w", p, err))
	}
	t.Version = out
	if wantResourceDir {
		out, err := runQuiet(ctx, p, "-print-resource-dir")
		if err != nil {
			return fail(fmt.Errorf("%s -print-resource-dir: %w", p, err))
		}
		t.ResourceDir = strings.TrimSpace(out)
	}
	t.ID = t.id()
	// The record is an optimisation: failing to write it costs the next run a --version, nothing else.
	if err := privateDir(filepath.Dir(rec)); err == nil {
		if b, err := json.Marshal(t); err == nil {
			_ = writeAtomic(rec, b)
		}
	}
	return t, nil
}

func (t *tool) id() string {
	sum := sha256.Sum256([]byte(strings.Join([]string{t.Path, t.Stat, t.Version, t.ResourceDir}, "\x00")))
	return hex.EncodeToString(sum[:])
}

// runQuiet runs a program for its output with the compile environment.
func runQuiet(ctx context.Context, path string, args ...string) (string, error) {
	cmd := exec.Command(path, args...)
	cmd.Env = compileEnv("")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := proc.Run(ctx, cmd); err != nil {
		if msg := strings.TrimSpace(errb.String()); msg != "" {
			return "", fmt.Errorf("%w: %s", err, firstLine(msg))
		}
		return "", err
	}
	return out.String(), nil
}

// compileEnv is the environment the compilers run with: PATH and a C locale only. clang reads CPATH,
// C_INCLUDE_PATH, CCC_OVERRIDE_OPTIONS, SOURCE_DATE_EPOCH and more; none of them is in the cache key,
// so none may reach the compiler.
func compileEnv(tmp string) []string {
	env := []string{"PATH=" + os.Getenv("PATH"), "LC_ALL=C"}
	if tmp != "" {
		env = append(env, "TMPDIR="+tmp)
	}
	return env
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
