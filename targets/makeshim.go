package targets

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/kbuild-go/kbuild-go/toolchain"
)

// withMakeOnPath puts a `make` that is kbuild-go (self) first on PATH, so that the tree's scripts that
// call make by name instead of $MAKE (scripts/package/buildtar's modules_install, for one) come back to
// kbuild-go, as ${MAKE} does: under kbuild-go, GNU make never runs. The shim is a two-line shell script in
// the cache directory (`exec SELF "$@"`: SELF sees its own name as argv[0], which a symbolic link named
// make would not give it), in a directory named from self's path so that two kbuild-go binaries never
// share one. When it cannot be made, env is returned unchanged (scripts then find whatever make PATH has)
// and ok is false: $(MAKE) must then be self's path.
func withMakeOnPath(env []string, self string) (_ []string, ok bool) {
	if self == "" {
		return env, false
	}
	dir, err := shimDir(self)
	if err != nil {
		return env, false
	}
	shim := filepath.Join(dir, "make")
	script := []byte("#!/bin/sh\nexec " + shellQuote(self) + " \"$@\"\n")
	if old, err := os.ReadFile(shim); err != nil || !bytes.Equal(old, script) {
		if os.MkdirAll(dir, 0o755) != nil {
			return env, false
		}
		// Atomic: written under a temporary name and renamed over the old one (concurrent runs agree).
		tmp := fmt.Sprintf("%s.tmp%d", shim, os.Getpid())
		os.Remove(tmp)
		if os.WriteFile(tmp, script, 0o755) != nil || os.Rename(tmp, shim) != nil {
			os.Remove(tmp)
			return env, false
		}
	}
	path := environ(env).get("PATH")
	if strings.HasPrefix(path, dir+":") {
		return env, true
	}
	return append(withoutVar(env, "PATH"), "PATH="+dir+":"+path), true
}

// shimDir is the directory of self's make shim.
func shimDir(self string) (string, error) {
	cache, err := toolchain.DefaultCacheDir()
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256([]byte(self))
	return filepath.Join(filepath.Dir(cache), "make", hex.EncodeToString(sum[:8])), nil
}

// underKbuildGo reports whether this process was started by a kbuild-go's recipe: that kbuild-go put its
// make shim first on PATH (withMakeOnPath). A make (or anything else) above kbuild-go does not count.
func underKbuildGo(env []string, self string) bool {
	if self == "" {
		return false
	}
	dir, err := shimDir(self)
	return err == nil && strings.HasPrefix(environ(env).get("PATH"), dir+":")
}
